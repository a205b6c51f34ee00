"""A contribution's own reference (kind, number, date) read from its head and tail."""

from __future__ import annotations

import pytest

from lapdesk.ingest.reference import Reference, detect_reference


@pytest.mark.parametrize("paragraphs,subject,expected", [
    (["Permanent Mission of Austria", "Note verbale No. GVA-CCM/2020/17 (SAMPLE)",
      "The Permanent Mission of Austria presents its compliments to the President",
      "Geneva, 3 June 2020"], None,
     Reference("note_verbale", "GVA-CCM/2020/17", "2020-06-03")),
    (["Représentation permanente de la France", "Réf. : 2020-0457/DAS",
      "Monsieur le Président,", "Texte.", "Genève, le 1er juin 2020"], None,
     Reference("letter", "2020-0457/DAS", "2020-06-01")),
    (["Misión Permanente de México", "Nota No. OGE-01234",
      "La Misión Permanente de México saluda atentamente a la Presidencia",
      "Ginebra, 5 de junio de 2020"], None,
     Reference("note_verbale", "OGE-01234", "2020-06-05")),
    (["GVA/CCM/2020/5", "Dear Presidency,",
      "We welcome the deadline of 8 June 2020 for comments in writing from all delegations."],
     None, Reference("letter", "GVA/CCM/2020/5", None)),  # a date inside prose is not its date
    (["Joint statement by Chile and Ireland", "Text."], "Ref: JS/2020/3",
     Reference("statement", "JS/2020/3", None)),
    (["Comments of Austria on the concept note.", "Austria supports regional workshops."],
     None, Reference()),
])
def test_reference_detection(paragraphs, subject, expected):
    assert detect_reference(paragraphs, subject=subject) == expected
