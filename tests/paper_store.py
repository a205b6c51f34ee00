"""A realistic store for the export tests, built through the public core functions.

Seven contributions: States Parties writing in English, French and Spanish, a signatory, an
organisation, a joint submission, one contribution without permission to publish and one
superseded by a newer version.  Excerpts map to sections and questions, some to several
nodes; annotations give stances on topics.
"""

from __future__ import annotations

from lapdesk.core.text import Paragraph
from lapdesk.store import contributions as c
from lapdesk.store import excerpts, framework, intake, registry, settings
from lapdesk.store.connection import Store

CONTRIBUTIONS = [
    # key, contributors, date, language, permission, paragraphs
    ("mexico", ["Mexico"], "2020-06-02", "es", True, [
        "Observaciones de México sobre el Plan de Acción de Lausana.",
        "México apoya un plan con indicadores medibles para cada acción.",
        "La universalización debe seguir siendo una prioridad, con talleres regionales.",
    ]),
    ("austria", ["Austria"], "2020-06-05", "en", True, [
        "Comments of Austria on the concept note.",
        "Austria supports regional workshops to accelerate ratification.",
        "Each action should have at least one indicator and a baseline.",
        "Victim assistance should be mainstreamed into broader frameworks.",
    ]),
    ("france", ["France"], "2020-06-08", "fr", True, [
        "Contribution de la France au Plan d'action de Lausanne.",
        "La France est favorable à des ateliers régionaux de sensibilisation.",
        "La France ne souhaite pas de nouveaux mécanismes de rapport.",
    ]),
    ("joint", ["Ireland", "New Zealand"], "2020-06-07", "en", True, [
        "Joint submission by Ireland and New Zealand.",
        "We propose a dedicated section on gender and diversity.",
        "Indicators should be disaggregated by sex and age.",
    ]),
    ("icrc", ["International Committee of the Red Cross"], "2020-06-06", "en", True, [
        "ICRC comments on the Lausanne Action Plan.",
        "Victim assistance must remain a distinct section of the plan.",
    ]),
    ("secret", ["Zambia"], "2020-06-04", "en", False, [
        "Zambia's views, not for publication.",
        "Zambia opposes new reporting requirements for affected States.",
        "The Republic of Zambia supports regional workshops in Africa.",
    ]),
]

MAPPINGS = [
    # contribution key, paragraph index, node keys, stance, topic (and a summary)
    ("mexico", 1, ["structure.q3"], "supports", "Indicators for each action"),
    ("mexico", 2, ["universalisation", "universalisation.q3"], "supports", "Regional workshops"),
    ("austria", 1, ["universalisation.q3"], "supports", "Regional workshops"),
    ("austria", 2, ["structure.q3"], "supports", "Indicators for each action"),
    ("austria", 3, ["victim_assistance"], None, None),
    ("france", 1, ["universalisation.q3"], "supports", "Regional workshops"),
    ("france", 2, ["transparency"], "opposes", "New reporting mechanisms"),
    ("joint", 1, ["cross_cutting"], "proposes", "A section on gender and diversity"),
    ("joint", 2, ["structure.q3", "cross_cutting"], "proposes", "Indicators for each action"),
    ("icrc", 1, ["victim_assistance"], "supports", "Victim assistance as a distinct section"),
    ("secret", 1, ["transparency"], "opposes", "New reporting mechanisms"),
    ("secret", 2, ["universalisation.q3"], "supports", "Regional workshops",
     "Supports regional workshops in Africa"),
]


def add_contribution(store: Store, paragraphs: list[str], *, name: str, who: list[str],
                     received: str, language: str, permission: bool = True) -> int:
    data = "\n".join(paragraphs).encode("utf-8")
    with store.transaction():
        cid = intake.create_contribution(store, received=received, language=language, title=name,
                                    permission_to_publish=True)
        digest, _ = intake.store_blob(store, data)
        intake.add_file(store, cid, name=name, sha256=digest, size=len(data), media_type="text/plain",
                   status="ok", pages=1,
                   paragraphs=[Paragraph(p, page=1) for p in paragraphs])
        intake.set_contributors(store, cid, [
            {"contributor_id": registry.find(store, person)["id"]} for person in who])
    if not permission:
        c.update_contribution(store, cid, permission_to_publish=0)
    return cid


def map_paragraph(store: Store, cid: int, index: int, nodes: list[str], *,
                  stance: str | None = None, topic: str | None = None,
                  summary: str | None = None) -> int:
    paragraph = c.paragraphs_of(store, cid)[index]
    change = excerpts.map_span(store, cid, nodes, start=paragraph["start"],
                               end=paragraph["end"], stance=stance, topic=topic,
                               summary=summary)
    return change.result


def build(store: Store) -> dict[str, int]:
    """Fill ``store``; returns the contribution ids by key."""
    ids = {}
    for key, who, received, language, permission, paragraphs in CONTRIBUTIONS:
        name = f"{who[0].replace(' ', '_')}_LAP_{language}.txt"
        ids[key] = add_contribution(store, paragraphs, name=name, who=who, received=received,
                                    language=language, permission=permission)
    for key, index, nodes, stance, topic, *summary in MAPPINGS:
        map_paragraph(store, ids[key], index, nodes, stance=stance, topic=topic,
                      summary=summary[0] if summary else None)
    # Austria's first draft, superseded by its final version: never exported.
    old = add_contribution(store, ["Draft comments of Austria.", "Austria's outdated draft."],
                           name="Austria_draft.txt", who=["Austria"], received="2020-06-01",
                           language="en")
    map_paragraph(store, old, 1, ["structure"], stance="supports", topic="Outdated draft idea")
    c.update_contribution(store, old, superseded_by=ids["austria"])
    ids["superseded"] = old
    framework.set_synthesis(store, "universalisation", (
        "Contributions agreed that **universalisation** remains a priority.\n\n"
        "Proposals included:\n\n- regional workshops;\n- *bilateral* outreach.\n\n"
        "a) first lettered item\nb) second lettered item"))
    framework.set_synthesis(store, "structure.q3", "Most contributions favour indicators.")
    settings.update(store, {"introduction": "The Presidency thanks all delegations for their "
                                            "*constructive* contributions."})
    return ids
