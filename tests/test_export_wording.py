"""The working paper's wording files (resources/export/): every language has every entry."""

from lapdesk.export.boilerplate import LANGUAGES, text, words


def test_each_language_has_every_entry():
    keys = {lang: set(text(lang)) for lang in LANGUAGES}
    assert keys["fr"] == keys["en"] and len(keys["en"]) > 50
    for entry in ("kinds", "stance", "languages"):
        assert set(text("fr")[entry]) == set(text("en")[entry]), entry


def test_a_pair_of_forms_is_a_tuple_as_the_prose_expects():
    assert words("en")["kinds"]["state_party"] == ("State Party", "States Parties")
    assert isinstance(words("fr")["stance"]["supports"][0], tuple)
