"""Loads the outcome tools from shared/codes/outcome_tools.json (copied verbatim into codes/data).

The file describes each tool in its own shape: most list `areas`; Signs of Safety scores one judgement scale;
the Evaluation Wheel has locally chosen segments, of which the common "What's Working Well" set is loaded.
Tools and areas no longer in the file are disabled, never deleted.
"""

from __future__ import annotations

import json
from typing import Any

from earlyhelp.codes.lists import DATA_DIR

SOURCE = DATA_DIR / "outcome_tools.json"


def tool_definitions() -> list[dict[str, Any]]:
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    licensing = data.get("licensing_note", "")
    tools = []
    for order, tool in enumerate(data["tools"]):
        scale = tool.get("scale", {})
        areas = [(a["code"], a["label"]) for a in tool.get("areas", [])]
        if tool["id"] == "SIGNS_OF_SAFETY":
            areas = [(d["code"], d["label"]) for d in tool.get("domains", []) if d["code"] == "SOS.SCALE"]
        if tool["id"] == "EVALUATION_WHEEL":
            related = tool["related"]
            scale = related["scale"]
            areas = [(f"EW.{label.upper().replace('/', '_').replace(' ', '_')}", label) for label in related["areas"]]
        if "min" not in scale or not areas:
            continue
        tools.append(
            {
                "code": tool["id"],
                "name": tool["name"],
                "owner": tool.get("owner", ""),
                "scale_min": scale["min"],
                "scale_max": scale["max"],
                "higher_is_better": not str(scale.get("direction", "")).startswith("1 = best"),
                "licensing_note": licensing if tool.get("owner") else "",
                "order": order,
                "areas": areas,
            }
        )
    return tools


def load(tool_model: Any, area_model: Any) -> None:
    seen_tools = []
    for definition in tool_definitions():
        areas = definition.pop("areas")
        tool, _ = tool_model.objects.update_or_create(code=definition["code"], defaults={**definition, "active": True})
        seen_tools.append(tool.code)
        codes = []
        for order, (code, label) in enumerate(areas):
            codes.append(code)
            area_model.objects.update_or_create(
                tool=tool, code=code, defaults={"label": label, "order": order, "active": True}
            )
        area_model.objects.filter(tool=tool).exclude(code__in=codes).update(active=False)
    tool_model.objects.exclude(code__in=seen_tools).update(active=False)
