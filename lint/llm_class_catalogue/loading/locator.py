"""Where each part of an entry stands: from the parse in hand, or from parsing the file again."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.validation.files import decode_entry, read_raw

if TYPE_CHECKING:  # the YAML parser loads only when a file is parsed (warm runs need none)
    from llm_class_catalogue.validation.yaml_loader import Mark, ParsedYaml


class FileLocator:
    """Where each part of an entry stands: from the parse in hand, or from parsing the file again
    the first time a diagnostic asks (entries loaded from the cache or a worker process)."""

    def __init__(self, abs_path: str, digest: str, parsed: ParsedYaml | None = None) -> None:
        self.abs_path = abs_path
        self.digest = digest
        self._parsed = parsed
        self.changed = False  # found changed when parsed again: its places are line 1, not to be kept

    def locate(self, path: tuple[Any, ...], key: bool = False) -> Mark:
        return self._parse().locate(path, key=key)

    def data(self) -> dict[str, Any]:
        """The entry's data, parsed again from the file (which must still be as it was loaded)."""
        data = self._parse().data
        if data is None:
            raise ToolError(f"{self.abs_path} changed while the catalogue was being read: run again")
        return data

    def _parse(self) -> ParsedYaml:
        if self._parsed is None:
            self._parsed = self._reparse()
        return self._parsed

    def _reparse(self) -> ParsedYaml:
        from llm_class_catalogue.validation.yaml_loader import ParsedYaml, parse_yaml

        raw, _ = read_raw(self.abs_path, self.abs_path, max_bytes=2**31)
        if raw is not None and hashlib.sha256(raw).hexdigest() == self.digest:
            text = decode_entry(raw, self.abs_path).text
            if text is not None:
                return parse_yaml(text, self.abs_path)
        self.changed = True
        return ParsedYaml(None, {}, {}, ())  # the file changed under us: fall back to line 1
