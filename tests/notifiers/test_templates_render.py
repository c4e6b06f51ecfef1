"""The renderer: override folder first, per-locale names, autoescape for HTML, loud failures."""

import pytest

from notifiers import Locale, Renderer, RenderError


@pytest.fixture
def folders(tmp_path):
    packaged, override = tmp_path / "packaged", tmp_path / "override"
    files = {
        packaged / "vi" / "reminder.txt": "Kính gửi {{ unit }}: {{ output }} đến hạn {{ due }}.\n",
        packaged / "en" / "reminder.txt": "Dear {{ unit }}: {{ output }} is due {{ due }}.\n",
        packaged / "vi" / "reminder.html": "<p>{{ unit }}</p>{{ note|safe }}\n",
        packaged / "vi" / "base.txt": "[{{ locale }}] {% block body %}{% endblock %}\n",
        packaged / "vi" / "digest.txt": '{% extends locale ~ "/base.txt" %}'
                                        "{% block body %}{{ count }} việc{% endblock %}",
        packaged / "vi" / "broken.txt": "line one\n{% if unit %}\nno end\n",
        override / "vi" / "reminder.txt": "Văn phòng sửa: {{ unit }}.\n",
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return packaged, override


CONTEXT = {"unit": "UBND xã Tân Lập", "output": "Bản tin PAPI", "due": "15/9/2025"}


def test_a_template_in_the_override_folder_wins_over_the_packaged_one(folders):
    packaged, override = folders
    assert Renderer(packaged, override=override).render("reminder.txt", CONTEXT) == (
        "Văn phòng sửa: UBND xã Tân Lập.\n")
    assert Renderer(packaged).render("reminder.txt", CONTEXT).startswith("Kính gửi")


def test_templates_not_overridden_still_come_from_the_package(folders):
    packaged, override = folders
    html = Renderer(packaged, override=override).render("reminder.html", {**CONTEXT, "note": ""})
    assert html == "<p>UBND xã Tân Lập</p>\n"


def test_the_locale_picks_the_language_and_vietnamese_is_the_default(folders):
    renderer = Renderer(folders[0])
    assert renderer.render("reminder.txt", CONTEXT).startswith("Kính gửi")
    assert renderer.render("reminder.txt", CONTEXT, locale=Locale.EN).startswith("Dear")
    assert renderer.render("reminder.txt", CONTEXT, locale="en").startswith("Dear")


def test_html_templates_escape_values_and_text_templates_do_not(folders):
    renderer = Renderer(folders[0])
    context = {**CONTEXT, "unit": "Sở <KH&CN>", "note": "<hr>"}
    assert renderer.render("reminder.html", context) == "<p>Sở &lt;KH&amp;CN&gt;</p><hr>\n"
    assert "Sở <KH&CN>" in renderer.render("reminder.txt", context)


def test_a_template_can_extend_the_base_of_its_own_language(folders):
    # trim_blocks: the line break right after a block tag belongs to the tag.
    assert Renderer(folders[0]).render("digest.txt", {"count": 3}) == "[vi] 3 việc"


def test_a_missing_variable_fails_naming_the_template_the_line_and_the_variable(folders):
    with pytest.raises(RenderError) as caught:
        Renderer(folders[0]).render("reminder.txt", {"unit": "x", "output": "y"})
    assert str(caught.value) == "template vi/reminder.txt, line 1: 'due' is undefined"
    assert caught.value.line == 1


def test_a_syntax_error_fails_naming_the_template_and_the_line(folders):
    with pytest.raises(RenderError) as caught:
        Renderer(folders[0]).render("broken.txt", CONTEXT)
    assert caught.value.template == "vi/broken.txt" and caught.value.line == 3
    assert "syntax" in str(caught.value)


def test_a_missing_template_fails_naming_where_it_was_looked_for(folders):
    packaged, override = folders
    with pytest.raises(RenderError) as caught:
        Renderer(packaged, override=override).render("escalation.txt", CONTEXT)
    assert not Renderer(packaged).has("escalation.txt")
    assert "vi/escalation.txt" in str(caught.value)
    assert str(override) in str(caught.value) and str(packaged) in str(caught.value)


def test_an_error_raised_inside_a_template_is_reported_not_propagated(folders):
    packaged = folders[0]
    (packaged / "vi" / "maths.txt").write_text("ok\n{{ total // count }}\n")
    with pytest.raises(RenderError) as caught:
        Renderer(packaged).render("maths.txt", {"total": 3, "count": 0})
    assert caught.value.line == 2 and "ZeroDivisionError" in str(caught.value)


def test_check_lists_every_broken_template_at_start_up(folders):
    errors = Renderer(folders[0]).check()
    assert [e.template for e in errors] == ["vi/broken.txt"]


def test_an_unknown_locale_or_a_missing_folder_is_a_configuration_error(folders, tmp_path):
    with pytest.raises(ValueError, match="locale"):
        Renderer(folders[0]).render("reminder.txt", CONTEXT, locale="fr")
    with pytest.raises(ValueError, match="not a folder"):
        Renderer(folders[0], override=tmp_path / "nowhere")
