"""`catalogue api -o DIR`: the static per-entity JSON API, written into a folder ready for static hosting."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from llm_class_catalogue.commands.publish import EXPORT_VERSIONS, Outcome, generated
from llm_class_catalogue.loading.workspace import find_workspace
from llm_class_catalogue.model.entry import Catalogue
from llm_class_catalogue.model.jsonio import write_atomically
from llm_class_catalogue.outputs import static_api


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def run_api(root: str | None, output: str, today: Any) -> Outcome:
    """Write every document of the API under `output`; a file whose bytes would not change is left alone."""
    workspace = find_workspace(root)
    target = Path(output)

    def make(catalogue: Catalogue) -> dict[Path, str]:
        built = EXPORT_VERSIONS["2"].build(catalogue)
        return {target / path: text for path, text in static_api.build(built.document, built.model_names).items()}

    files, errors = generated(workspace, today, make, ("2",))
    if files is None:
        return Outcome("", errors, 1)
    written = 0
    for path, text in files.items():
        if _read_bytes(path) != text.encode("utf-8"):
            write_atomically(path, text, durable=False)
            written += 1
    return Outcome("", f"{os.path.relpath(target)}: {len(files)} documents, {written} written\n", 0)
