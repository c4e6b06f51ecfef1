"""Both languages hold the same keys, each with the same fields to fill; click's own words are
all there; an office's words stand in for ours only where they fit."""
import ast
from pathlib import Path

import click
import pytest

from cadence.catalogue import LANGUAGES, BadWords, MissingWord, Words, catalogue, fields_of, read_overrides, say
from cadence.cli.language import click_text

# Click's words a person never meets from Cadence: mistakes in a program's own declarations
# (raised while commands are defined), and prompts, pagers and shells Cadence does not use.
NOT_MET = {
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "%(prog)s, version %(version)s",
    "{editor}: Editing failed", "{editor}: Editing failed: {e}", "Windows error: {error}",
    "Unknown color {colour!r}", "Unknown standard stream '{name}'",
    "Couldn't detect Bash version, shell completion is not supported.",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "Choice({choices})", "d",  # the last: a progress bar's "days"
}


def test_every_key_is_in_every_language_with_the_same_fields():
    vi, en = catalogue("vi"), catalogue("en")
    assert sorted(vi) == sorted(en), "keys in only one language: " + ", ".join(sorted(set(vi) ^ set(en)))
    differing = [key for key in vi if not _fields_agree(key, vi[key], en[key])]
    assert not differing, f"fields differ between the languages: {differing}"


def _fields_agree(key: str, vi: str, en: str) -> bool:
    """Click fills its own fields, so a translation may leave one out (click's English names the
    type of a bad number, "integer range", which a Vietnamese sentence does not need); every
    other sentence fills the same fields in both languages."""
    if key.startswith("click."):
        return fields_of(vi) <= fields_of(en)
    return fields_of(vi) == fields_of(en)


def test_no_word_is_left_empty():
    for lang in LANGUAGES:
        assert not [key for key, text in catalogue(lang).items() if not str(text).strip()], lang


def test_an_unknown_key_is_a_bug_not_a_silent_blank():
    with pytest.raises(MissingWord):
        say("no.such.key")


def _click_texts() -> set[str]:
    """Every text click passes to gettext, read from click's own source."""
    found = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_every_text_click_can_show_has_its_words_in_both_languages():
    """A click release that adds or rewords a message fails here rather than speaking English
    in the middle of a Vietnamese command line."""
    missing = sorted(text for text in _click_texts() - NOT_MET if click_text(text, "vi") == text)
    assert missing == []
    assert click_text("Usage:", "vi") == "Cách dùng:" and click_text("Usage:", "en") == "Usage:"


def test_words_not_yet_said_are_said_in_the_language_asked_for():
    words = Words("errors.field", field="--evidence", problem=Words("errors.expected",
                  expected=Words("expect.web-address"), value="'ftp://x'"))
    assert words.say("vi") == "--evidence: cần một địa chỉ http(s), nhưng có 'ftp://x'"
    assert words.say("en") == "--evidence: expected an http(s) address, got 'ftp://x'"


def test_an_offices_words_stand_in_for_ours_when_they_fit(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text('[messages]\ngreeting = "Kính gửi đồng chí {name},"\n', encoding="utf-8")
    assert read_overrides(path, "vi") == {"messages.greeting": "Kính gửi đồng chí {name},"}
    assert read_overrides(tmp_path / "absent.toml", "vi") == {}


@pytest.mark.parametrize("text, problem", [
    ('[messages]\ngreetings = "Chào {name}"\n', "messages.greetings: không phải khóa của danh mục từ ngữ"),
    ('[messages]\ngreeting = "Chào {ten}"\n', "messages.greeting: cần chữ với các trường {name}"),
    ('[messages\n', "không đọc được"),
])
def test_an_offices_words_that_do_not_fit_are_refused_naming_file_and_key(tmp_path, text, problem):
    path = tmp_path / "words.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadWords) as refused:
        read_overrides(path, "vi")
    assert str(refused.value).startswith(f"{path}: ") and problem in str(refused.value)
