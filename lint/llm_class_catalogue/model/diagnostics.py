"""The value every check produces: one problem at one place in one file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in the catalogue; ordered by place, then code."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    def with_severity(self, severity: Severity) -> Diagnostic:
        return Diagnostic(self.path, self.line, self.column, self.code, severity, self.message, self.hint)


class ToolError(Exception):
    """The tool itself cannot go on (bad configuration, unreadable root): exit 2."""
