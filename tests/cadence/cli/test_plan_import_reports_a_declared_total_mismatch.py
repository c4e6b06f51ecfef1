"""`cadence plan import` of the Trà Bồng plan says that "05 tin, bài/tháng" and "khoản 50 tin,
bài/năm" disagree, follows the cadence (12 items of 5), or the total with --follow-declared."""
import json
from pathlib import Path

from tests.cadence.support import SAMPLES, plan_file, run_cli


def _office(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CADENCE_DATABASE_URL", raising=False)

    def run(*args: str):
        return run_cli(capsys, "--config", str(tmp_path / "config.toml"), *args)

    assert run("init")[0] == 0
    assert run("units", "seed-province", "Quảng Ngãi")[0] == 0
    assert run("units", "import", str(SAMPLES / "units-tra-bong-district.toml"))[0] == 0
    return run


def _portal_targets(run) -> list[int]:
    items = json.loads(run("due", "--json", "--all", "--unit", "tb-phong-vhkhtt")[1])
    return [i["target"] for i in items if i["activity_ref"] == "III.2.8.a"]


def test_the_mismatch_is_reported_and_the_cadence_followed(tmp_path: Path, capsys, monkeypatch) -> None:
    run = _office(tmp_path, capsys, monkeypatch)
    code, out, _ = run("plan", "import", str(plan_file("tra-bong-district-2025")))
    assert code == 0
    assert "III.2.8.a" in out and "50/năm khác nhịp 5/tháng (60/năm)" in out
    assert _portal_targets(run) == [5] * 12


def test_follow_declared_shares_the_50_over_the_months(tmp_path: Path, capsys, monkeypatch) -> None:
    run = _office(tmp_path, capsys, monkeypatch)
    assert run("plan", "import", str(plan_file("tra-bong-district-2025")), "--follow-declared")[0] == 0
    targets = _portal_targets(run)
    assert len(targets) == 12 and sum(targets) == 50
