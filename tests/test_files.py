"""Files as the linter finds them: type, size, encoding and characters, checked before parsing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import fresh_catalogue, line_in, pairs, write

VALID_MODEL = (Path(__file__).parent / "fixtures/valid/catalogue/models/acme-small.yaml").read_text(encoding="utf-8")


def as_new_model(name: str) -> str:
    return VALID_MODEL.replace("id: acme-small", f"id: {name}").replace("aliases: [acme-small-2603, Acme S]\n", "")


NAME_LINE = line_in(as_new_model("m"), "name: Acme Small")  # where the tests below put a bad character


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (as_new_model("m").encode("utf-16"), [("S006", 1)]),
        (as_new_model("m").replace("name: Acme Small", "name: Acmé Small").encode("latin-1"), [("S006", NAME_LINE)]),
        (as_new_model("m").replace("name: Acme Small", "name: Acme\x00Small").encode(), [("S009", NAME_LINE)]),
        (b"\xef\xbb\xbf" + as_new_model("m").encode(), []),
        (as_new_model("m").replace("name: Acme Small", "name: Acme\ufeffSmall").encode(), [("S009", NAME_LINE)]),
        (as_new_model("m").replace("name:", "na\u200bme:").encode(), [("S009", NAME_LINE)]),
        (as_new_model("m").replace("name: Acme Small", "name: Acme \u202eSmall").encode(), [("S009", NAME_LINE)]),
        (as_new_model("m").replace("name: Acme Small", "name: Acme\u2028Small").encode(), [("S009", NAME_LINE)]),
        (as_new_model("m").replace("name: Acme Small", "name: Acme\x85Small").encode(), [("S009", NAME_LINE)]),
        (as_new_model("m").replace("\n", "\r\n").encode(), []),
        (b"", [("S006", 1)]),
        (b"   \n\n", [("S006", 1)]),
    ],
    ids=[
        "utf-16",
        "latin-1",
        "nul",
        "leading-bom",
        "mid-bom",
        "zero-width-key",
        "bidi",
        "u2028",
        "nel",
        "crlf",
        "empty",
        "blank",
    ],
)
def test_bytes_are_checked_before_parsing(content: bytes, expected: list[tuple[str, int]], tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    rel = write(base, "catalogue/models/m.yaml", content)
    assert pairs(base, rel) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\n", []),
        ("a: 1\r\nb: x\x00\rc: \u200by\n", [(2, 5, "\x00"), (3, 4, "\u200b")]),
        ("\ufeffa: \ufeff\n", [(1, 5, "\ufeff")]),
    ],
    ids=["none", "crlf-and-cr", "bom-past-the-start"],
)
def test_forbidden_characters_are_placed_by_line_and_column(text: str, expected: list[tuple[int, int, str]]) -> None:
    from llm_class_catalogue.validation.textscan import find_forbidden

    assert list(find_forbidden(text)) == expected


def test_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    from llm_class_catalogue.engine.config import Config

    base = fresh_catalogue(tmp_path)
    rel = write(base, "catalogue/models/m.yaml", as_new_model("m") + "notes: " + "x" * 5000 + "\n")
    assert pairs(base, rel, Config(max_file_bytes=2048)) == [("S006", 1)]


def test_symbolic_link_outside_is_not_followed_or_echoed(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2-do-not-print\n")
    os.symlink(secret, base / "catalogue/models/linked.yaml")
    from helpers import diagnostics

    found = [d for d in diagnostics(base) if d.path == "catalogue/models/linked.yaml"]
    assert [(d.code, d.line) for d in found] == [("S006", 1)]
    assert all("hunter2" not in (d.message + (d.hint or "")) for d in found)


def test_fifo_named_like_an_entry_does_not_hang(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    os.mkfifo(base / "catalogue/models/pipe.yaml")
    assert pairs(base, "catalogue/models/pipe.yaml") == [("S006", 1)]


def test_directory_named_like_an_entry(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    (base / "catalogue/models/folder.yaml").mkdir()
    assert pairs(base, "catalogue/models/folder.yaml") == [("S006", 1)]


@pytest.mark.parametrize("name", ["m.yml", "m.json", "README.md", "m.yaml.bak"])
def test_other_files_in_an_entry_folder(name: str, tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    rel = write(base, f"catalogue/models/{name}", as_new_model("m"))
    assert pairs(base, rel) == [("S005", 1)]


@pytest.mark.parametrize("name", ["Acme.yaml", "acme.v2.yaml", "acmé.yaml", "acme_2.yaml"])
def test_file_names_that_are_not_ids(name: str, tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    rel = write(base, f"catalogue/models/{name}", as_new_model(name[:-5]))
    assert ("S005", 1) in pairs(base, rel)


def test_unknown_folder_in_the_catalogue(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    write(base, "catalogue/datasets/x.yaml", "id: x\n")
    assert pairs(base, "catalogue/datasets") == [("S005", 1)]
