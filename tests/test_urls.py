"""URL judgement offline: L001 malformed or not https, L002 never public; and the WHATWG corpus."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import pytest
from llm_class_catalogue.links.urls import address_problem, host_key, judge, normalise, parse_ipv4, without_tracking

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
    ("allowed", "url", "code"),
    [
        ("[::1]:8080", "http://[::1]:8080/ok", None),
        ("[::1]", "http://[::1]:8080/ok", None),
        ("::1", "http://[::1]:9/ok", None),
        ("[0:0::1]:8080", "http://[::1]:8080/ok", None),
        ("[::1]:8080", "http://[0::0:1]:8080/ok", None),
        ("[::1]:8080", "http://[::1]:9090/ok", "L001"),
        ("[::1]:8080", "https://[::2]:8080/ok", "L002"),
    ],
)
def test_allowed_ipv6_hosts_are_compared_in_one_form(allowed: str, url: str, code: str | None) -> None:
    assert judge(url, frozenset({host_key(allowed)})).code == code


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Docs.Example.com:8443", "docs.example.com:8443"),
        ("[::1]:8080", "[::1]:8080"),
        ("[0:0:0:0:0:0:0:1]", "[::1]"),
        ("::1", "[::1]"),
        ("[FD00::1]:80", "[fd00::1]:80"),
        ("[zz::1]:80", "[zz::1]:80"),  # not an address: kept, and matches nothing
    ],
)
def test_host_key(text: str, key: str) -> None:
    assert host_key(text) == key


# Every IPv6 form that carries an IPv4 address is judged by that address; the special-purpose ranges are
# refused whatever they carry. (address, allowed)
ADDRESSES = [
    ("93.184.215.14", True),
    ("8.8.8.8", True),
    ("127.0.0.1", False),
    ("10.1.2.3", False),
    ("172.16.0.1", False),
    ("192.168.1.1", False),
    ("169.254.169.254", False),
    ("100.100.100.200", False),
    ("0.0.0.0", False),
    ("192.0.0.8", False),
    ("192.0.2.1", False),
    ("198.18.0.1", False),
    ("224.0.0.1", False),
    ("240.0.0.1", False),
    ("255.255.255.255", False),
    ("2606:4700::6810:84e5", True),
    ("2a00:1450:4001:82b::200e", True),
    ("::1", False),
    ("::", False),
    ("fe80::1", False),
    ("fe80::1%eth0", False),
    ("fd00:ec2::254", False),
    ("fc00::1", False),
    ("fec0::1", False),
    ("ff02::1", False),
    ("ff0e::1", False),
    ("2001:db8::1", False),
    ("3fff::1", False),
    ("100::1", False),
    ("2001:2::1", False),
    ("2001:10::1", False),
    ("2001:20::1", False),
    ("5f00::1", False),
    ("4000::1", False),
    ("::ffff:127.0.0.1", False),
    ("::ffff:169.254.169.254", False),
    ("::ffff:93.184.215.14", True),
    ("::ffff:0:127.0.0.1", False),
    ("::ffff:0:93.184.215.14", True),
    ("::127.0.0.1", False),
    ("::10.0.0.1", False),
    ("::93.184.215.14", True),
    ("64:ff9b::7f00:1", False),
    ("64:ff9b::a9fe:a9fe", False),
    ("64:ff9b::93.184.215.14", True),
    ("64:ff9b:1::7f00:1", False),
    ("64:ff9b:1::5db8:d70e", False),  # local-use NAT64: refused whatever it carries
    ("2002:7f00:1::", False),
    ("2002:a9fe:a9fe::1", False),
    ("2002:5db8:d70e::1", True),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
    ("2001:0:5db8:d70e::1", False),
    ("2001:4:112::1", True),  # AS112-v6: a global exception inside 2001::/23
    ("2001:5::1", False),  # the rest of 2001::/23
]


@pytest.mark.parametrize(("address", "allowed"), ADDRESSES)
def test_address_policy(address: str, allowed: bool) -> None:
    problem = address_problem(ipaddress.ip_address(address))
    assert (problem is None) == allowed, problem


def test_an_embedded_address_is_named_in_the_reason() -> None:
    assert address_problem(ipaddress.ip_address("64:ff9b::7f00:1")) == (
        "the NAT64 form of 127.0.0.1, a loopback address"
    )


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
