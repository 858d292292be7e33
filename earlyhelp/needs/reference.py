"""Loads the areas of need from data/need_areas.json. Areas no longer in the file are disabled, never deleted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parent / "data" / "need_areas.json"


def area_definitions() -> list[dict[str, Any]]:
    return list(json.loads(SOURCE.read_text(encoding="utf-8"))["areas"])


def load(area_model: Any, code_model: Any) -> None:
    headlines = {code.code: code for code in code_model.objects.filter(list_name="sf_headline")}
    seen = set()
    for order, area in enumerate(area_definitions()):
        seen.add(area["code"])
        area_model.objects.update_or_create(
            code=area["code"],
            defaults={
                "label": area["label"],
                "descriptor_none": area["none"],
                "descriptor_some": area["some"],
                "descriptor_significant": area["significant"],
                "sf_headline": headlines.get(area["sf_headline"]),
                "parental_risk": area["parental_risk"],
                "order": order,
                "active": True,
            },
        )
    area_model.objects.exclude(code__in=seen).update(active=False)
