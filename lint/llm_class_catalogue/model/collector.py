"""Pausing Python's cyclic garbage collector while a command builds objects that all live to its end."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading builds many small objects that all live to the end; the cyclic collector only slows it.
    What was built is then frozen out of later collections too (reference counting still frees it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
