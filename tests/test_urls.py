"""URL judgement offline: L001 malformed or not https, L002 never public; and the WHATWG corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from llm_class_catalogue.links.urls import judge, normalise, parse_ipv4, without_tracking

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpora/urltestdata.json"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://arxiv.org/abs/2401.04088", None),
        ("https://bücher.example.com/x", None),
        ("https://docs.example.com/a%20b?x=1#part", None),
        ("http://arxiv.org/abs/1", "L001"),
        ("ftp://example.com/file", "L001"),
        ("javascript:alert(1)", "L001"),
        ("data:text/html,hi", "L001"),
        ("//example.com/path", "L001"),
        ("/relative/path", "L001"),
        ("https://", "L001"),
        ("https:example.com", "L001"),
        ("https://exa mple.com", "L001"),
        (" https://example.com", "L001"),
        ("https://example.com/a\\b", "L001"),
        ("https://example.com:70000/", "L001"),
        ("https://example.com:x/", "L001"),
        ("https://1.2.3.4.5/", "L001"),
        ("https://[::1/", "L001"),
        ("https://ex_ample.com/", "L001"),
        ("https://example.com/%G1", "L001"),
        ("https://127.0.0.1/", "L002"),
        ("https://2130706433/", "L002"),
        ("https://0x7f.1/", "L002"),
        ("https://127.1/", "L002"),
        ("https://[::ffff:127.0.0.1]/", "L002"),
        ("https://169.254.169.254/latest/meta-data/", "L002"),
        ("https://localhost/", "L002"),
        ("https://printer.local/", "L002"),
        ("https://wiki.corp.internal/", "L002"),
        ("https://intranet/", "L002"),
        ("https://user:secret@example.com/", "L002"),
    ],
)
def test_judge(url: str, code: str | None) -> None:
    assert judge(url).code == code


def test_allowed_host_may_use_http_and_a_private_address() -> None:
    assert judge("http://127.0.0.1:8080/ok", frozenset({"127.0.0.1:8080"})).code is None
    assert judge("http://127.0.0.1:9090/ok", frozenset({"127.0.0.1:8080"})).code == "L001"


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("1.2.3.4.5", None),
        ("256.0.0.1", None),
        ("4294967296", None),
    ],
)
def test_whatwg_ipv4_spellings(host: str, address: str | None) -> None:
    parsed = parse_ipv4(host)
    assert (str(parsed) if parsed else None) == address


def test_normal_form_ignores_case_default_port_trailing_slash_and_fragment() -> None:
    assert normalise("HTTPS://Example.COM:443/a/#x") == normalise("https://example.com/a")
    assert normalise("https://example.com/a?b=1") != normalise("https://example.com/a?b=2")


def test_tracking_parameters_are_removed() -> None:
    assert without_tracking("https://e.com/p?utm_source=x&id=3&fbclid=y") == "https://e.com/p?id=3"
    assert without_tracking("https://e.com/p?id=3") is None


@pytest.mark.skipif(not CORPUS.is_file(), reason="shared/corpora/urltestdata.json is not beside the project")
def test_whatwg_corpus_every_rejected_input_is_l001_and_nothing_crashes() -> None:
    cases = [case for case in json.loads(CORPUS.read_text(encoding="utf-8")) if isinstance(case, dict)]
    failures = [case["input"] for case in cases if case.get("failure")]
    assert len(failures) > 200
    assert [url for url in failures if judge(url).code != "L001"] == []
    for case in cases:
        judge(case["input"])
        normalise(case["input"])
