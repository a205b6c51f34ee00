"""The registry's names in the three languages, as detection needs them."""

import pytest

from lapdesk.core.text import fold
from lapdesk.store import registry


@pytest.mark.parametrize(("name", "key"), [
    ("Chili", "chl"), ("Équateur", "ecu"), ("Maurice", "mus"), ("Mauricio", "mus"),
    ("Dominique", "dma"), ("Autriche", "aut"), ("México", "mex"), ("Suiza", "che"),
])
def test_short_french_and_spanish_names_find_their_state(store, name, key):
    assert registry.find(store, name)["key"] == key


# Short names two States share ("Corée", "Corea") are left out on purpose: no telling which.
SHARED = {"coree", "corea"}


def test_every_state_called_republic_of_x_is_also_called_x(store):
    """A State whose only French name is 'République du X' would be missed in a French note."""
    missing = []
    for row in registry.contributors(store):
        if row["kind"] != "state":
            continue
        names = {fold(n) for n in [row["name"], *row["aliases"]]}
        for alias in row["aliases"]:
            for lead in ("republique du ", "republique de l'", "republica de ", "republica del "):
                short = fold(alias)[len(lead):] if fold(alias).startswith(lead) else None
                if short and " " not in short and short not in names | SHARED:
                    missing.append((row["key"], alias))
    assert missing == []


def test_every_contributor_has_a_french_name_whose_article_fits_it(store):
    """What a French working paper writes: "l'Autriche", "la France", "les Philippines"."""
    rows = registry.contributors(store)
    assert all(row["name_fr"] for row in rows)
    for row in rows:
        vowel = row["name_fr"][:1].lower() in "aeiouàâéèêîïôû"  # "le Yémen": y is not
        if row["article_fr"] == "l'":
            assert vowel or row["name_fr"].startswith("H"), row
        elif row["article_fr"] in ("le", "la"):
            assert not vowel, row


@pytest.mark.parametrize(("key", "french"), [
    ("aut", ("Autriche", "l'")), ("phl", ("Philippines", "les")), ("fra", ("France", "la")),
    ("mex", ("Mexique", "le")), ("cub", ("Cuba", "")), ("icrc",
                                                          ("Comité international de la "
                                                           "Croix-Rouge", "le")),
])
def test_french_names_of_some_contributors(store, key, french):
    row = next(r for r in registry.contributors(store) if r["key"] == key)
    assert (row["name_fr"], row["article_fr"]) == french
