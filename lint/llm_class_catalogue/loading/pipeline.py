"""Loading one file: read, parse, schema-check, index and entry-check it."""

from __future__ import annotations

import hashlib
import os

from llm_class_catalogue.loading.locator import FileLocator
from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.entry import ENTRY_SUFFIX, Candidate, Entry, FileResult, LoadOptions
from llm_class_catalogue.validation import modeline, placement
from llm_class_catalogue.validation.files import decode_entry, read_raw


def load_file(candidate: Candidate, options: LoadOptions, raw: bytes | None = None) -> FileResult:
    """Read (unless the bytes are given), parse, schema-check and entry-check one candidate."""
    from llm_class_catalogue.validation.schemas import schema_diagnostics
    from llm_class_catalogue.validation.yaml_loader import parse_yaml

    if candidate.problem is not None:
        rule = R.UNUSABLE_FILE if candidate.kind is not None else R.PLACEMENT
        return FileResult(candidate.rel_path, "", None, (rule.at(candidate.rel_path, 1, 1, candidate.problem),))
    assert candidate.kind is not None
    if raw is None:
        raw, problems = read_raw(candidate.abs_path, candidate.rel_path, options.max_bytes)
        if raw is None:
            return FileResult(candidate.rel_path, "", None, problems)
    digest = hashlib.sha256(raw).hexdigest()
    text = decode_entry(raw, candidate.rel_path)
    if text.text is None:
        return FileResult(candidate.rel_path, digest, None, text.diagnostics)
    parsed = parse_yaml(text.text, candidate.rel_path)
    modeline_problems = tuple(modeline.check(candidate.kind, candidate.rel_path, text.text))
    if parsed.data is None:
        return FileResult(candidate.rel_path, digest, None, parsed.diagnostics + modeline_problems)
    file_id = os.path.basename(candidate.rel_path)[: -len(ENTRY_SUFFIX)]
    placement_problems = tuple(placement.check(candidate.kind, file_id, parsed, candidate.rel_path))
    if placement.looks_like(parsed.data) not in (None, candidate.kind):
        return FileResult(candidate.rel_path, digest, None, parsed.diagnostics + modeline_problems + placement_problems)
    schema_problems = tuple(schema_diagnostics(candidate.kind, parsed, candidate.rel_path))
    entry = Entry(
        candidate.kind,
        candidate.rel_path,
        file_id,
        not schema_problems,
        FileLocator(candidate.abs_path, digest, parsed),
        loaded=parsed.data,
    )
    entry.index.update((name, extract(entry)) for name, extract in options.extracts)
    for name, make in options.products:
        if (made := make(entry)) is not None:
            entry.made[name] = made
    checked = tuple(d for check in options.entry_checks for d in check(entry, options.settings))
    return FileResult(
        candidate.rel_path,
        digest,
        entry,
        parsed.diagnostics + modeline_problems + placement_problems + schema_problems + checked,
    )
