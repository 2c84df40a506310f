"""`catalogue rules`: the rule table, as text or JSON, so the docs cannot drift from the code."""

from __future__ import annotations

import json

from llm_class_catalogue.model.ruletable import RULES


def rules_table(output_format: str) -> str:
    """Every rule: code, name, default severity, where its check lives, description."""
    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "where": r.where.value,
                "description": r.description,
            }
            for r in RULES
        ]
        return json.dumps(rows, indent=2) + "\n"
    width = max(len(rule.name) for rule in RULES)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.where.value:<9}  {r.description}\n" for r in RULES
    )
