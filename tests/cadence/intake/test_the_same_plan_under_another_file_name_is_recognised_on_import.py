"""`cadence plan import`: the same plan under another file name (the same text, or the same
title, issuer and year with other words inside) is recognised and not imported twice, unless
the person says what it is: `--key` of the plan it amends, or `--as-new`. Nothing is stored
when it is refused."""
from tests.cadence.support import plan_file

PLAN = "tinh-son-commune-dvctt-2025"


def _import(office, path, *options):
    return office("plan", "import", str(path), "--from", "2025-01-01", "--create-units", *options)


def test_the_same_text_under_another_name_is_refused_with_the_choices(office, tmp_path) -> None:
    assert _import(office, plan_file(PLAN))[0] == 0
    copy = tmp_path / "ke-hoach-tinh-son-ban-chup.txt"
    copy.write_text(plan_file(PLAN).read_text("utf-8"), encoding="utf-8")
    code, out, err = _import(office, copy)
    assert code == 2 and PLAN in err and "--as-new" in err and "--key" in err
    assert "ke-hoach-tinh-son-ban-chup" not in office("plan", "list")[1]
    code, out, _ = _import(office, copy, "--key", PLAN)
    assert code == 0 and ": 0 mục mới" in out
    assert _import(office, copy, "--as-new")[0] == 0
    assert "ke-hoach-tinh-son-ban-chup" in office("plan", "list")[1]


def test_the_same_title_issuer_and_year_with_other_words_inside_is_recognised(office, tmp_path) -> None:
    assert _import(office, plan_file(PLAN))[0] == 0
    text = plan_file(PLAN).read_text("utf-8")
    amended = tmp_path / "tinh-son-sua-doi.txt"
    amended.write_text(text.replace("Tịnh Sơn", "Tịnh Sơn", 3) + "\nGhi chú thêm của văn phòng.\n", encoding="utf-8")
    code, _, err = _import(office, amended)
    assert code == 2 and PLAN in err
