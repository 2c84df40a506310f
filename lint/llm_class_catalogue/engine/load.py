"""Loading the catalogue with the configuration's limits and settings, the entry checks and the index
the rules read: the one way every command loads it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from llm_class_catalogue.cache.folder import CacheFolder
from llm_class_catalogue.engine.config import Config
from llm_class_catalogue.loading.loader import load_catalogue
from llm_class_catalogue.loading.workspace import Workspace
from llm_class_catalogue.model.entry import Catalogue, Entry, LoadOptions
from llm_class_catalogue.rules import ENTRY_CHECKS, EXTRACTS


def load(
    workspace: Workspace,
    config: Config,
    cache_dir: Path | CacheFolder | None = None,
    workers: int | None = None,
    settings: dict[str, Any] | None = None,
    products: tuple[tuple[str, Callable[[Entry], Any]], ...] = (),
) -> Catalogue:
    """Every file of the workspace; unchanged ones from the cache in `cache_dir` when one is given (a
    command passes its CacheFolder, to report the folder's warning)."""
    options = LoadOptions(
        config.max_file_bytes, settings if settings is not None else config.sections, ENTRY_CHECKS, EXTRACTS, products
    )
    folder = CacheFolder.at(cache_dir) if isinstance(cache_dir, Path) else cache_dir
    return load_catalogue(workspace, options, folder, workers)
