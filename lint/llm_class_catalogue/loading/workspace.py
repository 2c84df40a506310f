"""Where the catalogue is, and which of its files a command was pointed at."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.model.entry import CATALOGUE_DIR


@dataclass(frozen=True)
class Workspace:
    """The folder that holds catalogue/ (paths in reports are relative to it)."""

    base: Path

    @property
    def catalogue(self) -> Path:
        return self.base / CATALOGUE_DIR

    def relative(self, path: str) -> str:
        """A command-line path as a report path; ToolError when it is outside the catalogue."""
        absolute = Path(os.path.abspath(path))
        try:
            absolute.relative_to(self.catalogue)
        except ValueError:
            raise ToolError(f"{path}: not inside {self.catalogue}") from None
        return absolute.relative_to(self.base).as_posix()


def find_workspace(root: str | None, start: Path | None = None) -> Workspace:
    """--root names the catalogue folder; without it, the nearest catalogue/ above the working directory."""
    if root is not None:
        folder = Path(os.path.abspath(root))
        if folder.name != CATALOGUE_DIR or not folder.is_dir():
            raise ToolError(f"--root {root}: expected a folder named {CATALOGUE_DIR}/")
        return Workspace(folder.parent)
    here = Path(os.path.abspath(start or Path.cwd()))
    for folder in (here, *here.parents):
        if (folder / CATALOGUE_DIR).is_dir():
            return Workspace(folder)
    raise ToolError(f"no {CATALOGUE_DIR}/ folder in {here} or above it: run inside the repository or pass --root")
