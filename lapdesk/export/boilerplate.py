"""The working paper's generated wording in English and French.

Only the words LAPDesk writes itself are translated here; quotes stay in their original
language and titles come from the store (``title_fr`` for framework nodes in French).
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

TEXT = {
    "en": {
        "original": "Original: {language}",
        "english": "English",
        "distribution": "Distr.: {value}",
        "submitted_by": "Submitted by the President of the Second Review Conference",
        "introduction": "Introduction",
        "contents": "Contents",
        "annex": "Annex {number}",
        "annex_1_title": "Contributions received",
        "annex_2_title": "Compilation of the views received, question by question",
        "received": (
            "The Presidency received {contributions} from {who} between {first} and {last} "
            "(see Annex I)."
        ),
        "received_one_day": "The Presidency received {contributions} from {who} on {first} "
                            "(see Annex I).",
        "received_none": "No written contribution had been received when this paper was "
                         "prepared.",
        "contributions": ("one written contribution", "{n} written contributions"),
        "no_input_section": "No contribution addressed this section.",
        "general_views": "General views",
        "stance": {
            "supports": "Supported by {who}.",
            "opposes": "Opposed by {who}.",
            "proposes": "Proposed or amended by {who}.",
            "concern": "Concerns were raised by {who}.",
            "question": "Questions were raised by {who}.",
            "neutral": "Also addressed by {who}.",
        },
        "section_level": "The section as a whole",
        "column_contributor": "Contributor",
        "column_kind": "Kind",
        "column_date": "Received",
        "column_language": "Language",
        "source": "Contribution {number}{file}{where}.",
        "source_file": ", {name}",
        "page": ", page {n}",
        "paragraph": ", paragraph {n}",
        "and": "and",
        "kinds": {
            "state_party": ("State Party", "States Parties"),
            "signatory": ("signatory State", "signatory States"),
            "observer": ("observer State", "observer States"),
            "international_organisation": ("international organisation",
                                           "international organisations"),
            "civil_society": ("civil society organisation", "civil society organisations"),
            "other": ("other contributor", "other contributors"),
        },
        "kind_labels": {
            "state_party": "State Party", "signatory": "Signatory State",
            "observer": "Observer State",
            "international_organisation": "International organisation",
            "civil_society": "Civil society", "other": "Other",
        },
        "numbers": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                    "ten"),
        "several": "several {plural}",
        "many": "many {plural}",
        "feminine": {},
        "many_delegations": "many delegations",
        "other_one": "one other {singular}",
        "other_many": "{number} other {plural}",
        "unidentified": "an unidentified contributor",
        "redacted": "[a delegation]",
        "addressed": "Contributions from {who} addressed this section{see}.",
        "see_annex_2": " (see Annex II)",
        "languages": {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic",
                      "ru": "Russian", "zh": "Chinese", "de": "German", "pt": "Portuguese"},
    },
    "fr": {
        "original": "Original : {language}",
        "english": "anglais",
        "distribution": "Distr. : {value}",
        "submitted_by": "Soumis par le Président de la deuxième Conférence d'examen",
        "introduction": "Introduction",
        "contents": "Table des matières",
        "annex": "Annexe {number}",
        "annex_1_title": "Contributions reçues",
        "annex_2_title": "Compilation des vues reçues, question par question",
        "received": (
            "La Présidence a reçu {contributions} de {who} entre le {first} et le {last} "
            "(voir l'annexe I)."
        ),
        "received_one_day": "La Présidence a reçu {contributions} de {who} le {first} "
                            "(voir l'annexe I).",
        "received_none": "Aucune contribution écrite n'avait été reçue lors de la "
                         "préparation du présent document.",
        "contributions": ("une contribution écrite", "{n} contributions écrites"),
        "no_input_section": "Aucune contribution ne portait sur cette section.",
        "general_views": "Vues générales",
        "stance": {
            "supports": "Appuyé par {who}.",
            "opposes": "Contesté par {who}.",
            "proposes": "Proposé ou amendé par {who}.",
            "concern": "Des préoccupations ont été exprimées par {who}.",
            "question": "Des questions ont été posées par {who}.",
            "neutral": "Également abordé par {who}.",
        },
        "section_level": "La section dans son ensemble",
        "column_contributor": "Contributeur",
        "column_kind": "Catégorie",
        "column_date": "Reçue le",
        "column_language": "Langue",
        "source": "Contribution {number}{file}{where}.",
        "source_file": ", {name}",
        "page": ", page {n}",
        "paragraph": ", paragraphe {n}",
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
        },
        "kind_labels": {
            "state_party": "État partie", "signatory": "État signataire",
            "observer": "État observateur",
            "international_organisation": "Organisation internationale",
            "civil_society": "Société civile", "other": "Autre",
        },
        "numbers": ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
                    "dix"),
        "several": "plusieurs {plural}",
        "many": "de nombreux {plural}",
        # Organisations are feminine: "une organisation", "de nombreuses organisations".
        "feminine": {"one": "une", "many": "de nombreuses {plural}",
                     "other_one": "une autre {singular}",
                     "kinds": ("international_organisation", "civil_society")},
        "many_delegations": "de nombreuses délégations",
        "other_one": "un autre {singular}",
        "other_many": "{number} autres {plural}",
        "unidentified": "un contributeur non identifié",
        "redacted": "[une délégation]",
        # {who} brings its own "de": "de l'Autriche, de la France et du Mexique".
        "addressed": "Des contributions {who} portaient sur cette section{see}.",
        "see_annex_2": " (voir l'annexe II)",
        "languages": {"en": "anglais", "fr": "français", "es": "espagnol", "ar": "arabe",
                      "ru": "russe", "zh": "chinois", "de": "allemand", "pt": "portugais"},
    },
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def words(lang: str, category: str | None = None) -> dict:
    """The wording for ``lang``; with ``category``, agreed in gender with that kind of
    contributor (French organisations are feminine)."""
    table = TEXT[lang]
    feminine = table["feminine"]
    if category is None or category not in feminine.get("kinds", ()):
        return table
    return {**table, "numbers": (feminine["one"], *table["numbers"][1:]),
            "many": feminine["many"], "other_one": feminine["other_one"]}


def format_date(value: str | date, lang: str) -> str:
    """``2020-06-08`` as "8 June 2020" (or "8 juin 2020"); other text is kept as given."""
    if isinstance(value, date):
        day = value
    else:
        match = _ISO_DATE.match(value or "")
        if not match:
            return value or ""
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return value
    prefix = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{prefix} {MONTHS[lang][day.month - 1]} {day.year}"


def language_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    return TEXT[lang]["languages"].get(code.lower(), code)


def join_names(names: list[str], lang: str) -> str:
    """"Austria, Ireland and Mexico" (no serial comma, as UN documents write it)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {TEXT[lang]['and']} {names[-1]}"
