"""Which official lists are loaded, from which file, and where the codes sit in it.

The JSON files in `data/` are verbatim copies of `shared/codes/`; `test_code_files_match_shared` keeps them so.
Languages and religions have no list in shared/codes: `data/languages.json` (ISO 639 names of the languages most
spoken in England) and `data/religions.json` (the ONS 2021 Census religion question) are ours.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

ETHNICITY = "ethnicity"
SEX = "sex"
DISABILITY = "disability"
LANGUAGE = "language"
RELIGION = "religion"
REFERRAL_SOURCE = "referral_source"
CIN_FACTOR = "cin_factor"
ASSESSMENT_DIMENSION = "assessment_dimension"
SF_HEADLINE = "sf_headline"

# list name -> (file, key path to the list of {"code", "label", ...})
LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    ETHNICITY: ("dfe_ethnicity.json", ("codes",)),
    SEX: ("cin_sex_gender.json", ("cin_sex_from_2024_25", "codes")),
    DISABILITY: ("cin_disability.json", ("codes",)),
    LANGUAGE: ("languages.json", ("codes",)),
    RELIGION: ("religions.json", ("codes",)),
    REFERRAL_SOURCE: ("cin_referral_source.json", ("codes",)),
    CIN_FACTOR: ("cin_factors.json", ("codes",)),
    # Nested: each domain of the Assessment Framework triangle holds its dimensions; the domain becomes the group.
    ASSESSMENT_DIMENSION: ("assessment_framework_domains.json", ("domains",)),
    # The ten headline outcomes of the National Supporting Families Outcome Framework (codes SF01 to SF10).
    SF_HEADLINE: ("supporting_families_outcomes.json", ("headline_outcomes",)),
}
NESTED = {ASSESSMENT_DIMENSION: "dimensions"}


def entries(list_name: str) -> Iterator[dict[str, Any]]:
    filename, path = LISTS[list_name]
    node: Any = json.loads((DATA_DIR / filename).read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    child_key = NESTED.get(list_name)
    if child_key is None:
        yield from node
        return
    for parent in node:
        for child in parent[child_key]:
            yield {**child, "group": parent["code"]}


def load(code_model: Any, list_names: list[str] | None = None) -> None:
    """Create or update codes; codes no longer in a file are disabled, never deleted. Used by data migrations."""
    for list_name in list_names or list(LISTS):
        filename = LISTS[list_name][0]
        seen = set()
        for order, entry in enumerate(entries(list_name)):
            seen.add(entry["code"])
            code_model.objects.update_or_create(
                list_name=list_name,
                code=entry["code"],
                defaults={
                    "label": entry["label"],
                    "group": entry.get("group", ""),
                    "order": order,
                    "active": True,
                    "source": filename,
                },
            )
        code_model.objects.filter(list_name=list_name).exclude(code__in=seen).update(active=False)
