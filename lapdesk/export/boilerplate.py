"""The working paper's generated wording in English and French, and dates and numbers.

Only the words LAPDesk writes itself are here; quotes stay in their original language and
titles come from the store (``title_fr`` for framework nodes in French). The English follows
the UN Editorial Manual: -ize spelling ("organization", "summarized"), numbers one to nine in
words and 10 upwards in figures, "annex" in lower case in running text, date ranges written
"2 and 11 June 2020" and "25–27 November 2020" (en dash).
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}
EN_DASH = "\u2013"

TEXT = {
    "en": {
        "original": "Original: {language}",
        "distribution": "Distr.: {value}",
        "distributions": {},
        "agenda_item": "Item {number} of the provisional agenda",
        "submitted_by": "Submitted by the President of the Second Review Conference",
        "symbol_to_be_assigned": "[symbol to be assigned]",
        "non_paper": "Non-paper",
        "introduction": "Introduction",
        "contents": "Contents",
        "page": "Page",
        "annexes": "Annexes",
        "annex": "Annex {number}",
        "annex_alone": "Annex",
        "see_annex": " (see annex {number})",
        "see_annex_alone": " (see the annex)",
        "annex_1_title": "Contributions received",
        "annex_2_title": "Compilation of the views received, question by question",
        "received": "The Presidency received {contributions} from {who} between {range}{see}.",
        "received_one_day": "The Presidency received {contributions} from {who} on {first}"
                            "{see}.",
        "received_months": "The Presidency received {contributions} from {who} in {months}"
                           "{see}.",
        "received_none": "No written contribution had been received when this paper was "
                         "prepared.",
        "contributions": ("one written contribution", "{n} written contributions"),
        "addressed": ("The contribution of {who} addressed this section{see}.",
                      "The contributions of {who} addressed this section{see}."),
        # Stances as verb phrases: (first mention of the proposal, later mention); French
        # also (singular, plural) since its verbs agree with the subject.
        "stance": {
            "proposes": ("made this proposal", "also made this proposal"),
            "amends": ("proposed amendments to it", "proposed amendments to it"),
            "supports": ("supported the proposal", "supported it"),
            "opposes": ("opposed the proposal", "opposed it"),
            "concern": ("raised concerns about the proposal", "raised concerns about it"),
            "question": ("raised questions about the proposal", "raised questions about it"),
            "neutral": ("addressed the proposal", "also addressed it"),
        },
        "and_verbs": " and ",
        "while": ", while ",
        "section_level": "The section as a whole",
        "column_number": "No.",
        "column_contributor": "Contributor",
        "column_kind": "Category",
        "column_date": "Received",
        "column_language": "Language",
        "column_contributions": "Contributions",
        "withheld_intro": ("Contributions from delegations that did not ask to be named "
                           "are counted, not listed:"),
        "withheld_all": "The contributions are counted by category, not listed by name:",
        "contribution": "Contribution {number}",
        "source_kinds": {"note_verbale": "note verbale", "letter": "letter",
                         "email": "email", "statement": "statement",
                         "contribution": "contribution"},
        "source_reference": " {reference}",
        "source_dated": " of {date}",
        "source_from": " from {who}",
        "source_received": ", received on {date}",
        "paragraph": "para. {n}",
        "paragraphs": "paras. {n}",
        "pages": ("p. {n}", "pp. {n}"),
        "see_note": "See footnote {n}.",
        "original_language": "[Original: {language}]",
        "summary": "Summary:",
        "and": "and",
        "kinds": {
            "state_party": ("State Party", "States Parties"),
            "signatory": ("signatory State", "signatory States"),
            "observer": ("observer State", "observer States"),
            "international_organisation": ("international organization",
                                           "international organizations"),
            "civil_society": ("civil society organization", "civil society organizations"),
            "other": ("other contributor", "other contributors"),
            "delegation": ("delegation", "delegations"),
        },
        "kind_labels": {
            "state_party": "State Party", "signatory": "Signatory State",
            "observer": "Observer State",
            "international_organisation": "International organization",
            "civil_society": "Civil society", "other": "Other",
            "delegation": "Delegations",
        },
        "numbers": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
        "several": "several {plural}",
        "many": "many {plural}",
        "feminine": {},
        "many_delegations": "many delegations",
        "other_one": "one other {singular}",
        "other_many": "{number} other {plural}",
        "another": "another {singular}",
        "unidentified": "an unidentified contributor",
        "languages": {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic",
                      "ru": "Russian", "zh": "Chinese", "de": "German", "pt": "Portuguese"},
    },
    "fr": {
        "original": "Original : {language}",
        "distribution": "Distr. : {value}",
        "distributions": {"general": "générale", "limited": "limitée",
                          "restricted": "restreinte"},
        "agenda_item": "Point {number} de l'ordre du jour provisoire",
        "submitted_by": "Présenté par le Président de la deuxième Conférence d'examen",
        "symbol_to_be_assigned": "[cote à attribuer]",
        "non_paper": "Document officieux",
        "introduction": "Introduction",
        "contents": "Table des matières",
        "page": "Page",
        "annexes": "Annexes",
        "annex": "Annexe {number}",
        "annex_alone": "Annexe",
        "see_annex": " (voir l'annexe {number})",
        "see_annex_alone": " (voir l'annexe)",
        "annex_1_title": "Contributions reçues",
        "annex_2_title": "Compilation des vues reçues, question par question",
        # {who} brings its own "de": "de cinq États parties et d'une autre délégation".
        "received": "La Présidence a reçu {contributions} {who} entre {range}{see}.",
        "received_one_day": "La Présidence a reçu {contributions} {who} le {first}{see}.",
        "received_months": "La Présidence a reçu {contributions} {who} en {months}{see}.",
        "received_none": "Aucune contribution écrite n'avait été reçue lors de la "
                         "préparation du présent document.",
        "contributions": ("une contribution écrite", "{n} contributions écrites"),
        # {who} brings its own "de": "de l'Autriche, de la France et du Mexique".
        "addressed": ("La contribution {who} portait sur cette section{see}.",
                      "Les contributions {who} portaient sur cette section{see}."),
        "stance": {
            "proposes": (("a fait cette proposition", "ont fait cette proposition"),
                         ("a également fait cette proposition",
                          "ont également fait cette proposition")),
            "amends": (("a proposé de la modifier", "ont proposé de la modifier"),
                       ("a proposé de la modifier", "ont proposé de la modifier")),
            "supports": (("était favorable à la proposition",
                          "étaient favorables à la proposition"),
                         ("y était favorable", "y étaient favorables")),
            "opposes": (("n'était pas favorable à la proposition",
                         "n'étaient pas favorables à la proposition"),
                        ("n'y était pas favorable", "n'y étaient pas favorables")),
            "concern": (("a exprimé des préoccupations à ce sujet",
                         "ont exprimé des préoccupations à ce sujet"),
                        ("a exprimé des préoccupations à ce sujet",
                         "ont exprimé des préoccupations à ce sujet")),
            "question": (("a posé des questions à ce sujet", "ont posé des questions à ce sujet"),
                         ("a posé des questions à ce sujet", "ont posé des questions à ce sujet")),
            "neutral": (("a abordé cette question", "ont abordé cette question"),
                        ("a également abordé cette question",
                         "ont également abordé cette question")),
        },
        "and_verbs": " et ",
        "while": ", tandis que ",
        "section_level": "La section dans son ensemble",
        "column_number": "No",
        "column_contributor": "Contributeur",
        "column_kind": "Catégorie",
        "column_date": "Reçue le",
        "column_language": "Langue",
        "column_contributions": "Contributions",
        "withheld_intro": ("Les contributions des délégations qui n'ont pas demandé à être "
                           "nommées sont comptées, non énumérées :"),
        "withheld_all": "Les contributions sont comptées par catégorie, non énumérées :",
        "contribution": "Contribution {number}",
        "source_kinds": {"note_verbale": "note verbale", "letter": "lettre",
                         "email": "courriel", "statement": "déclaration",
                         "contribution": "contribution"},
        "source_reference": " {reference}",
        "source_dated": " du {date}",
        "source_from": " {who}",   # {who} brings its "de": "de l'Autriche"
        "source_received": ", reçue le {date}",
        "paragraph": "par. {n}",
        "paragraphs": "par. {n}",
        "pages": ("p. {n}", "p. {n}"),
        "see_note": "Voir la note {n}.",
        "original_language": "[Original : {language}]",
        "summary": "Résumé :",
        "and": "et",
        "kinds": {
            "state_party": ("État partie", "États parties"),
            "signatory": ("État signataire", "États signataires"),
            "observer": ("État observateur", "États observateurs"),
            "international_organisation": ("organisation internationale",
                                           "organisations internationales"),
            "civil_society": ("organisation de la société civile",
                              "organisations de la société civile"),
            "other": ("autre contributeur", "autres contributeurs"),
            "delegation": ("délégation", "délégations"),
        },
        "kind_labels": {
            "state_party": "État partie", "signatory": "État signataire",
            "observer": "État observateur",
            "international_organisation": "Organisation internationale",
            "civil_society": "Société civile", "other": "Autre",
            "delegation": "Délégations",
        },
        "numbers": ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
        "several": "plusieurs {plural}",
        "many": "de nombreux {plural}",
        # Organisations and delegations are feminine: "une organisation", "de nombreuses".
        "feminine": {"one": "une", "many": "de nombreuses {plural}",
                     "other_one": "une autre {singular}", "another": "une autre {singular}",
                     "kinds": ("international_organisation", "civil_society", "delegation")},
        "many_delegations": "de nombreuses délégations",
        "other_one": "un autre {singular}",
        "other_many": "{number} autres {plural}",
        "another": "un autre {singular}",
        "unidentified": "un contributeur non identifié",
        "languages": {"en": "anglais", "fr": "français", "es": "espagnol", "ar": "arabe",
                      "ru": "russe", "zh": "chinois", "de": "allemand", "pt": "portugais"},
    },
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def words(lang: str, category: str | None = None) -> dict:
    """The wording for ``lang``; with ``category``, agreed in gender with that kind of
    contributor (French organisations and delegations are feminine)."""
    table = TEXT[lang]
    feminine = table["feminine"]
    if category is None or category not in feminine.get("kinds", ()):
        return table
    return {**table, "numbers": (feminine["one"], *table["numbers"][1:]),
            "many": feminine["many"], "other_one": feminine["other_one"],
            "another": feminine["another"]}


def number(n: int, lang: str, category: str | None = None) -> str:
    """One to nine in words, 10 upwards in figures (UN usage, English and French)."""
    spelled = words(lang, category)["numbers"]
    return spelled[n - 1] if 1 <= n <= len(spelled) else str(n)


def parse_date(value: str | date | None) -> date | None:
    if isinstance(value, date):
        return value
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _day(day: date, lang: str) -> str:
    return "1er" if lang == "fr" and day.day == 1 else str(day.day)


def format_date(value: str | date, lang: str) -> str:
    """``2020-06-08`` as "8 June 2020" (or "8 juin 2020"); other text is kept as given."""
    day = parse_date(value)
    if day is None:
        return value if isinstance(value, str) else ""
    return f"{_day(day, lang)} {MONTHS[lang][day.month - 1]} {day.year}"


def date_span(first: date, last: date, lang: str, *, joiner: str) -> str:
    """Two dates with what they share said once: "2 and 11 June 2020", "28 May and 11 June
    2020" (``joiner`` " and "), "25–27 November 2020" (``joiner`` an en dash)."""
    spaced = joiner.strip() != EN_DASH
    if (first.year, first.month) == (last.year, last.month):
        head = _day(first, lang)
    elif first.year == last.year:
        head = f"{_day(first, lang)} {MONTHS[lang][first.month - 1]}"
    else:
        head = format_date(first, lang)
    if lang == "fr" and spaced:  # "le 2 et le 11 juin 2020"
        return f"le {head}{joiner}le {format_date(last, lang)}"
    return f"{head}{joiner}{format_date(last, lang)}"


def meeting_dates(start: str, end: str, lang: str) -> str:
    """The meeting's date or dates as the masthead gives them: "29 June 2020",
    "25–27 November 2020", "30 November–2 December 2020"."""
    first, last = parse_date(start), parse_date(end)
    if first is None:
        return format_date(start, lang)
    if last is None or last <= first:
        return format_date(first, lang)
    return date_span(first, last, lang, joiner=EN_DASH)


def language_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    return TEXT[lang]["languages"].get(code.lower(), code)


def join_names(names: list[str], lang: str) -> str:
    """"Austria, Ireland and Mexico" (no serial comma, as UN documents write it)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {TEXT[lang]['and']} {names[-1]}"


def capitalised(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
