"""The cache's folder: checked once, read without a lock, written only under its lock, and never a
reason for a run to fail. A folder that cannot be used or written gives one warning; the run goes
on as it would without a cache.

Two runs may overlap. Whatever the file cache's parts say is tied to a *generation*, a random token
in `generation`: a saving run takes the lock (without waiting: a run that cannot take it does not
save), checks that the generation is still the one it read, writes a marker, its parts, then a new
token. A reader that sees the same finished token before and after reading knows it read one state."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from llm_class_catalogue.model.jsonio import write_atomically

try:
    import fcntl
except ImportError:  # no flock (Windows): saves rely on the generation check alone
    fcntl = None  # type: ignore[assignment]

GENERATION_FILE = "generation"
LOCK_FILE = "lock"
WRITING = "writing"  # the generation while a run saves: what is in the folder is no one state
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


@dataclass
class CacheFolder:
    path: Path
    problem: str | None = None  # why the folder is not used at all
    warnings: list[str] = field(default_factory=list)  # at most one: what went wrong first

    @classmethod
    def at(cls, path: Path) -> CacheFolder:
        """The folder at `path`, which may not exist yet; a link or anything else not a folder is not used."""
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return cls(path)
        except OSError as error:
            return cls._unusable(path, f"not readable ({error.strerror})")
        if stat.S_ISLNK(mode):
            return cls._unusable(path, "a symbolic link (the cache is a plain folder)")
        if not stat.S_ISDIR(mode):
            return cls._unusable(path, "not a folder")
        return cls(path)

    @classmethod
    def _unusable(cls, path: Path, reason: str) -> CacheFolder:
        return cls(path, reason, [f"warning: not using the cache {path}: it is {reason}; running without it"])

    @property
    def usable(self) -> bool:
        return self.problem is None

    def read(self, name: str) -> bytes | None:
        """A part's bytes; None when it is missing, unreadable, or not a regular file (never followed)."""
        try:
            fd = os.open(self.path / name, _FLAGS)
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            with os.fdopen(os.dup(fd), "rb") as stream:
                return stream.read()
        except OSError:
            return None
        finally:
            os.close(fd)

    def generation(self) -> str:
        """The token of the state the folder is in ("" when unknown or while a run is saving)."""
        raw = self.read(GENERATION_FILE)
        token = raw.decode("ascii", "replace").strip() if raw is not None else ""
        return "" if token.startswith(WRITING) else token

    def raw_generation(self) -> str:
        raw = self.read(GENERATION_FILE)
        return raw.decode("ascii", "replace").strip() if raw is not None else ""

    def write(self, name: str, text: str) -> bool:
        """Replace a part atomically (no fsync: a lost part is only rebuilt); False, with a warning, when it
        cannot be written (a read-only folder, a full disk)."""
        try:
            write_atomically(self.path / name, text, durable=False)
        except OSError as error:
            self._cannot_write(error)
            return False
        return True

    @contextmanager
    def locked(self) -> Iterator[bool]:
        """Whether this run holds the lock while in the block; False when another run holds it or the
        folder cannot be written (then with a warning)."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
        except OSError as error:
            self._cannot_write(error)
            yield False
            return
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another run is saving: this one's results are not kept
            os.close(fd)
            yield False
            return
        try:
            yield True
        finally:
            os.close(fd)  # releases the lock

    def _cannot_write(self, error: OSError) -> None:
        if not self.warnings:
            reason = error.strerror or str(error)
            self.warnings.append(f"warning: cannot save the cache in {self.path}: {reason} (the report is complete)")
