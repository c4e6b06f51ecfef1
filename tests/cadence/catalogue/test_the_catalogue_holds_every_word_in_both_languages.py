"""Both languages hold the same keys, each with the same fields to fill."""
import pytest

from cadence.catalogue import LANGUAGES, MissingWord, catalogue, fields_of, say


def test_every_key_is_in_every_language_with_the_same_fields():
    vi, en = catalogue("vi"), catalogue("en")
    assert sorted(vi) == sorted(en), "keys in only one language: " + ", ".join(sorted(set(vi) ^ set(en)))
    differing = [key for key in vi if fields_of(vi[key]) != fields_of(en[key])]
    assert not differing, f"fields differ between the languages: {differing}"


def test_no_word_is_left_empty():
    for lang in LANGUAGES:
        assert not [key for key, text in catalogue(lang).items() if not str(text).strip()], lang


def test_an_unknown_key_is_a_bug_not_a_silent_blank():
    with pytest.raises(MissingWord):
        say("no.such.key")
