"""Reading an entry file safely: regular files only, no links followed, size checked first."""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import DEFAULT_MAX_BYTES
from llm_class_catalogue.validation.textscan import describe, find_forbidden

MAX_FORBIDDEN_REPORTED = 20


@dataclass(frozen=True)
class EntryText:
    """The decoded text of a file, or None with the diagnostics that say why not."""

    text: str | None
    diagnostics: tuple[Diagnostic, ...]


def _problem(
    path: str, message: str, hint: str | None = None, line: int = 1, column: int = 1, rule: R.Rule = R.UNUSABLE_FILE
) -> Diagnostic:
    return rule.at(path, line, column, message, hint)


def read_raw(
    abs_path: str, rel_path: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[bytes | None, tuple[Diagnostic, ...]]:
    """The file's bytes, opened without following links or blocking on FIFOs, type and size checked first."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(abs_path, flags)
    except OSError as error:
        reason = "a symbolic link, which the linter does not follow" if os.path.islink(abs_path) else error.strerror
        return None, (
            _problem(rel_path, f"cannot open the file: {reason}", "entries are regular files inside the catalogue"),
        )
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, (_problem(rel_path, "not a regular file", "entries are regular files"),)
        if info.st_size > max_bytes:
            return None, (
                _problem(
                    rel_path,
                    f"the file is {info.st_size} bytes, over the cap of {max_bytes}",
                    "an entry is a few kilobytes; raise `max-file-bytes` only with reason",
                ),
            )
        chunks = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:  # an I/O error, or a file system gone from under the file
        return None, (_problem(rel_path, f"cannot read the file: {error.strerror}"),)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > max_bytes:
        return None, (_problem(rel_path, f"the file grew past the cap of {max_bytes} bytes while read"),)
    return raw, ()


def decode_entry(raw: bytes, rel_path: str) -> EntryText:
    """UTF-8 only (a leading BOM is allowed), and no forbidden characters."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return EntryText(None, (_problem(rel_path, "the file is UTF-16 or UTF-32", "save it as UTF-8"),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start + (3 if raw.startswith(codecs.BOM_UTF8) else 0)
        before = raw[:offset]
        line = before.count(b"\n") + 1
        column = offset - (before.rfind(b"\n") + 1) + 1
        return EntryText(
            None,
            (_problem(rel_path, f"byte 0x{raw[offset]:02X} is not UTF-8", "save the file as UTF-8", line, column),),
        )
    if not text.strip():
        return EntryText(
            None, (_problem(rel_path, "the file is empty", "start from `catalogue new`, or delete the file"),)
        )
    found = list(find_forbidden(text))
    if found:
        diagnostics = [
            _problem(
                rel_path,
                f"forbidden character {describe(char)}",
                "delete it, or retype the text around it",
                line,
                column,
                rule=R.FORBIDDEN_CHARACTER,
            )
            for line, column, char in found[:MAX_FORBIDDEN_REPORTED]
        ]
        if len(found) > MAX_FORBIDDEN_REPORTED:
            line, column, _ = found[MAX_FORBIDDEN_REPORTED]
            diagnostics.append(
                _problem(
                    rel_path,
                    f"{len(found) - MAX_FORBIDDEN_REPORTED} more forbidden characters",
                    None,
                    line,
                    column,
                    rule=R.FORBIDDEN_CHARACTER,
                )
            )
        return EntryText(None, tuple(diagnostics))
    return EntryText(text, ())
