"""A contribution records the date its letter bears, and a file logged without an email takes
it as its received date; dates are typed as people write them."""

from __future__ import annotations

from datetime import date

import pytest
import samples
from conftest import run_lapdesk

from lapdesk.core.dates import parse_date
from lapdesk.ingest.letter_date import letter_date


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (["Permanent Mission of Austria", "Geneva, 3 June 2020",
      "In reply to your letter of 15 May 2020, Austria welcomes the concept note."],
     date(2020, 6, 3)),
    (["Mission permanente de la France", "Genève, le 8 juin 2020",
      "En réponse à votre lettre du 15 mai 2020, la France salue la note."], date(2020, 6, 8)),
    (["Misión Permanente de México", "Ginebra, 5 de junio de 2020",
      "En respuesta a su nota de fecha 15 de mayo de 2020, México apoya el plan."],
     date(2020, 6, 5)),
    (["Genève, le 1er juin 2020"], date(2020, 6, 1)),
    (["New York, June 3, 2020"], date(2020, 6, 3)),
    (["La Haya, 4 de junio de 2020"], date(2020, 6, 4)),
    # A note verbale: dated in its last line, after the complimentary close.
    (["The Permanent Mission of Ghana presents its compliments to the President of the Second "
      "Review Conference and, with reference to the letter of 15 May 2020, has the honour to "
      "transmit its views.", "Ghana supports victim assistance.",
      "The Permanent Mission of Ghana avails itself of this opportunity to renew the "
      "assurances of its highest consideration.", "3 June 2020"], date(2020, 6, 3)),
])
def test_the_dateline_is_found_in_three_languages(paragraphs, expected):
    assert letter_date(paragraphs) == expected


@pytest.mark.parametrize("paragraphs", [
    ["Contributions are invited by 8 June 2020, ahead of the meeting of 29 June 2020."],
    ["In reply to your letter of 15 May 2020"],  # a short line, but the date of another letter
    ["Geneva, 3 June 2031"],  # after today: no letter bears it
    [],
])
def test_dates_in_sentences_or_of_other_letters_are_no_dateline(paragraphs):
    assert letter_date(paragraphs, today=date(2026, 12, 4)) is None


@pytest.mark.parametrize(("typed", "expected"), [
    ("2020-06-03", date(2020, 6, 3)), ("3 June 2020", date(2020, 6, 3)),
    ("3 juin 2020", date(2020, 6, 3)), ("5 de junio de 2020", date(2020, 6, 5)),
    ("3/6/2020", date(2020, 6, 3)), ("03.06.2020", date(2020, 6, 3)),
    ("1er juin 2020", date(2020, 6, 1)), ("June 3, 2020", date(2020, 6, 3)),
    ("3 Jun 2020", date(2020, 6, 3)), ("3 sept. 2020", date(2020, 9, 3)),
    ("31 June 2020", None), ("30 June", None), ("June", None), ("", None),
    ("Geneva, 3 June 2020", None),
])
def test_typed_dates(typed, expected):
    assert parse_date(typed) == expected


def test_a_letter_logged_without_an_email_is_received_on_its_date(tmp_path):
    letter = tmp_path / "Austria.txt"
    letter.write_text("Permanent Mission of Austria\n\nGeneva, 3 June 2020\n\n"
                      "In reply to your letter of 15 May 2020, Austria welcomes the concept "
                      "note.\n", encoding="utf-8")
    undated = tmp_path / "Undated.txt"
    undated.write_text("Austria welcomes the concept note.\n", encoding="utf-8")
    store = tmp_path / "s.lapdesk"
    assert run_lapdesk("import", letter, undated, "--store", store).code == 0
    rows = {r["title"]: r for r in run_lapdesk("contributions", "--store", store,
                                                "--json").json()}
    assert rows["Austria.txt"]["dated"] == "2020-06-03"
    assert rows["Austria.txt"]["received"] == "2020-06-03"
    assert rows["Austria.txt"]["received_source"] == "letter"
    assert rows["Undated.txt"]["dated"] is None
    assert rows["Undated.txt"]["received_source"] == "logged"
    assert rows["Undated.txt"]["received"][:10] == date.today().isoformat()
    shown = run_lapdesk("show", rows["Austria.txt"]["id"], "--store", store, "--json").json()
    assert shown["dated"] == "2020-06-03"


def test_an_email_keeps_its_date_and_records_the_letter_s_own(tmp_path):
    message = samples.email_message(
        subject="Contribution of France", date="Fri, 05 Jun 2020 18:02:00 +0200",
        body="Veuillez trouver ci-joint la note verbale.",
        attachments=[("note.txt", "Mission permanente de la France\n\nGenève, le 4 juin 2020"
                      "\n\nLa France salue la note conceptuelle.\n".encode(), "text/plain")])
    path = tmp_path / "france.eml"
    path.write_bytes(message.as_bytes())
    store = tmp_path / "s.lapdesk"
    assert run_lapdesk("import", path, "--store", store).code == 0
    [row] = run_lapdesk("contributions", "--store", store, "--json").json()
    assert row["received"].startswith("2020-06-05")
    assert (row["received_source"], row["dated"]) == ("email", "2020-06-04")
