"""Language detection: English, French and Spanish by their words, the others by script."""

import tomllib
from pathlib import Path

import pytest

from lapdesk.ingest.language import SAMPLE_CHARS, detect_language

EN = ("The Permanent Mission of Austria presents its compliments to the Presidency of the Second "
      "Review Conference and has the honour to transmit the comments of Austria on the draft "
      "Lausanne Action Plan. Austria believes that universalisation should remain a priority.")
FR = ("La Mission permanente de la France auprès de l'Office des Nations Unies présente ses "
      "compliments à la Présidence et a l'honneur de lui transmettre les commentaires de la "
      "France sur le projet de plan d'action de Lausanne. L'universalisation reste une priorité.")
ES = ("La Misión Permanente de México ante la Oficina de las Naciones Unidas saluda atentamente "
      "a la Presidencia y tiene el honor de remitir los comentarios de México sobre el proyecto "
      "de Plan de Acción de Lausana. La universalización de la Convención es una prioridad.")


@pytest.mark.parametrize(("text", "expected"), [(EN, "en"), (FR, "fr"), (ES, "es")])
def test_paragraph_length_texts(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Thank you for the draft.", "en"),
    ("Merci pour le projet de la Présidence.", "fr"),
    ("Gracias por el proyecto de la Presidencia.", "es"),
    ("L'universalisation de la Convention reste une priorité.", "fr"),
    ("Estamos de acuerdo con el plan de acción.", "es"),
])
def test_one_line_notes(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Постоянное представительство Российской Федерации", "ru"),
    ("مشروع خطة عمل لوزان بشأن الذخائر العنقودية", "ar"),
    ("洛桑行动计划草案的意见", "zh"),
])
def test_other_un_languages_by_script(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "Hello", "LAP 2020", "12.3.2020", "Merci beaucoup."])
def test_too_little_text_gives_none(text):
    assert detect_language(text) is None


def test_only_the_beginning_is_read():
    assert detect_language(FR + " " * SAMPLE_CHARS + EN * 50) == "fr"


def test_a_french_note_quoting_english_stays_french():
    quoted = 'Elle cite le titre anglais "Action on the ground". '
    assert detect_language(quoted + FR) == "fr"


def test_latin_text_with_a_few_foreign_words_is_not_taken_for_another_script():
    assert detect_language(EN + " (Лозанна)") == "en"


LABELLED = sorted((Path(__file__).parent / "fixtures" / "labelled").glob("*.toml"))


@pytest.mark.parametrize("path", LABELLED, ids=[p.stem for p in LABELLED])
def test_the_language_of_every_contribution_of_the_labelled_set(path):
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    paragraphs = [p["text"] for p in case["paragraphs"]]
    assert detect_language("\n".join(paragraphs)) == case["language"]
    # Paragraph by paragraph (five words or more): never the wrong language, rarely no answer.
    answers = [detect_language(p) for p in paragraphs if len(p.split()) >= 5]
    assert set(answers) <= {case["language"], None}
    assert answers.count(None) <= max(1, len(answers) // 5)


@pytest.mark.parametrize(("text", "expected"), [
    ("A Missão Permanente do Brasil apresenta os seus cumprimentos à Presidência e tem a honra "
     "de transmitir os comentários do Governo sobre o projeto de Plano de Ação. O Brasil "
     "considera que a universalização da Convenção é uma prioridade.", "pt"),
    ("Die Ständige Vertretung Österreichs beehrt sich, der Präsidentschaft die Kommentare zum "
     "Entwurf des Aktionsplans von Lausanne zu übermitteln. Österreich unterstützt die "
     "Universalisierung des Übereinkommens.", "de"),
])
def test_neighbouring_languages_are_not_taken_for_spanish_or_french(text, expected):
    assert detect_language(text) == expected


def test_italian_is_not_taken_for_french():
    text = ("La Rappresentanza permanente d'Italia presenta i suoi complimenti alla Presidenza e "
            "ha l'onore di trasmettere i commenti del Governo italiano sul progetto di piano "
            "d'azione di Losanna. L'Italia sostiene la universalizzazione della Convenzione.")
    assert detect_language(text) is None
