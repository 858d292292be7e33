"""Loads the starting audit templates from data/audit_templates.json. A template already loaded is left alone:
templates in use are replaced by a new one, never edited under the audits answered against them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parent / "data" / "audit_templates.json"


def template_definitions() -> list[dict[str, Any]]:
    return list(json.loads(SOURCE.read_text(encoding="utf-8"))["templates"])


def load(template_model: Any, section_model: Any, question_model: Any) -> None:
    for definition in template_definitions():
        template, created = template_model.objects.get_or_create(
            code=definition["code"],
            defaults={
                "name": definition["name"],
                "purpose": definition["purpose"],
                "description": definition["description"],
            },
        )
        if not created:
            continue
        for s_order, section_data in enumerate(definition["sections"], start=1):
            section = section_model.objects.create(
                template=template, order=s_order, title=section_data["title"], guidance=section_data["guidance"]
            )
            question_model.objects.bulk_create(
                question_model(
                    section=section,
                    order=q_order,
                    code=question["code"],
                    text=question["text"],
                    hint=question.get("hint", ""),
                    answer_kind=question["answer_kind"],
                    theme=question["theme"],
                )
                for q_order, question in enumerate(section_data["questions"], start=1)
            )
