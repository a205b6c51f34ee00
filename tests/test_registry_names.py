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
