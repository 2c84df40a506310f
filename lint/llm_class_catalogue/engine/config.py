"""`[tool.catalogue]` in pyproject.toml: read, validated (unknown keys rejected), resolved."""

from __future__ import annotations

import difflib
import fnmatch
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llm_class_catalogue.model.diagnostics import Diagnostic, Severity, ToolError
from llm_class_catalogue.model.entry import DEFAULT_MAX_BYTES
from llm_class_catalogue.model.ruletable import RULES
from llm_class_catalogue.validation.schemas import ecma_validator_class, schema_dir

ALL_CODES = tuple(rule.code for rule in RULES)


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_file_bytes: int = DEFAULT_MAX_BYTES
    sections: dict[str, Any] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        selected = not self.select or any(code.startswith(prefix) for prefix in self.select)
        return selected and not any(code.startswith(prefix) for prefix in self.ignore)

    def keeps(self, diagnostic: Diagnostic) -> bool:
        if not self.enabled(diagnostic.code):
            return False
        return not any(
            fnmatch.fnmatchcase(diagnostic.path, pattern) and any(diagnostic.code.startswith(p) for p in codes)
            for pattern, codes in self.per_path_ignores
        )

    def apply(self, diagnostic: Diagnostic) -> Diagnostic:
        severity = self.severity.get(diagnostic.code)
        return diagnostic.with_severity(severity) if severity else diagnostic


def check_codes(codes: tuple[str, ...], where: str) -> None:
    """Every code or prefix must name at least one rule."""
    for code in codes:
        if not any(known.startswith(code) for known in ALL_CODES):
            close = difflib.get_close_matches(code, ALL_CODES, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ToolError(f"{where}: no rule has the code or prefix `{code}`{hint}")


def _schema_error(error: Any) -> str:
    where = ".".join(str(part) for part in error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in allowed]
        close = difflib.get_close_matches(unknown[0], allowed, n=1) if unknown else []
        hint = f" (did you mean `{close[0]}`?)" if close else f" (allowed: {', '.join(allowed)})"
        return f"unknown key `{unknown[0] if unknown else '?'}`{' in ' + where if where else ''}{hint}"
    return f"{where or 'tool.catalogue'}: {error.message}"


def parse_config(table: dict[str, Any], source: str) -> Config:
    """Validate a `[tool.catalogue]` table and resolve it; ToolError on any mistake."""
    if table:  # jsonschema is imported only when there is something to validate (start-up time)
        with open(schema_dir() / "config.schema.json", encoding="utf-8") as handle:
            schema = json.load(handle)
        errors = sorted(ecma_validator_class()(schema).iter_errors(table), key=lambda e: list(e.absolute_path))
        if errors:
            raise ToolError(f"{source} [tool.catalogue]: {_schema_error(errors[0])}")
    select = tuple(table.get("select", ()))
    ignore = tuple(table.get("ignore", ()))
    check_codes(select, f"{source} select")
    check_codes(ignore, f"{source} ignore")
    severity = {code: Severity(level) for code, level in table.get("severity", {}).items()}
    check_codes(tuple(severity), f"{source} severity")
    per_path = tuple((pattern, tuple(codes)) for pattern, codes in sorted(table.get("per-path-ignores", {}).items()))
    for pattern, codes in per_path:
        check_codes(codes, f"{source} per-path-ignores {pattern!r}")
    sections = {key: value for key, value in table.items() if isinstance(value, dict)}
    return Config(select, ignore, severity, per_path, table.get("max-file-bytes", DEFAULT_MAX_BYTES), sections)


def load_config(base: Path) -> Config:
    """The configuration in base/pyproject.toml, or the defaults when there is none."""
    pyproject = base / "pyproject.toml"
    if not pyproject.is_file():
        return Config()
    try:
        with open(pyproject, "rb") as handle:
            document = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ToolError(f"{pyproject}: cannot read it: {error}") from None
    table = document.get("tool", {}).get("catalogue", {})
    if not isinstance(table, dict):
        raise ToolError(f"{pyproject}: [tool.catalogue] must be a table")
    return parse_config(table, "pyproject.toml")
