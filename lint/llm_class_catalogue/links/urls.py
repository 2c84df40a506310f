"""Source URLs judged offline: well-formed absolute https, public host, normal form."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(.*)", re.DOTALL)
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST_NAME = re.compile(rf"{_LABEL}(\.{_LABEL})*")
_AUTHORITY_END = re.compile(r"[/?#]")
# RFC 3986 characters allowed in path, query and fragment, plus % for escapes.
_REST = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*(#[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
_NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")
PRIVATE_SUFFIXES = ("localhost", "local", "internal", "test", "invalid", "example", "home.arpa", "lan", "localdomain")
_DOTTED_PRIVATE_SUFFIXES = tuple("." + suffix for suffix in PRIVATE_SUFFIXES)
ANY_HOST = "*"  # in allowed_hosts: every host is allowed (--allow-private)
TRACKING = re.compile(r"utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|yclid|igshid", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    """The first problem found (code and message), or none; and the host when there is one."""

    code: str | None
    message: str
    host: str | None = None


OK = Verdict(None, "")


def _whatwg_ipv4_number(part: str) -> int | None:
    if re.fullmatch(r"0[xX][0-9A-Fa-f]*", part):
        return int(part[2:] or "0", 16)
    if re.fullmatch(r"0[0-7]+", part):
        return int(part, 8)
    if re.fullmatch(r"[0-9]+", part):
        return int(part)
    return None


def parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """WHATWG's IPv4 parser (it accepts 2130706433, 0x7f.1 and 127.1); None when it fails."""
    parts = host.split(".")
    if parts and parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if not parts or len(parts) > 4 or any(p == "" for p in parts):
        return None
    numbers = [_whatwg_ipv4_number(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        return None
    address = values[-1]
    for index, n in enumerate(values[:-1]):
        address += n * 256 ** (3 - index)
    return ipaddress.IPv4Address(address)


def _ends_in_number(host: str) -> bool:
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    return bool(_NUMERIC_LABEL.fullmatch(parts[-1]))


def _ascii_host(host: str) -> str | None:
    if host.isascii():  # the IDNA codec passes ASCII through; the label check below is stricter than its own
        ascii_host = host.lower()
    else:
        try:
            ascii_host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return None
    ascii_host = ascii_host[:-1] if ascii_host.endswith(".") else ascii_host
    if not ascii_host or len(ascii_host) > 253 or not _HOST_NAME.fullmatch(ascii_host):
        return None
    return ascii_host


@lru_cache(maxsize=65536)
def judge(url: str, allowed_hosts: frozenset[str] = frozenset()) -> Verdict:
    """L001 when the URL is malformed or not https, L002 when it can never be a public source."""
    if not isinstance(url, str) or url != url.strip() or _SPACE_OR_CONTROL.search(url):
        return Verdict("L001", "the URL has spaces or control characters")
    if "\\" in url:
        return Verdict("L001", "the URL has a backslash")
    match = _SCHEME.fullmatch(url)
    if not match:
        return Verdict("L001", "not an absolute URL: sources start with https://")
    scheme, rest = match.group(1).lower(), match.group(2)
    if scheme not in ("https", "http"):
        return Verdict("L001", f"a {scheme}: URL: sources are https pages")
    if not rest.startswith("//"):
        return Verdict("L001", "no host: write https://host/path")
    authority_end = _AUTHORITY_END.search(rest[2:])
    authority = rest[2:] if authority_end is None else rest[2 : 2 + authority_end.start()]
    remainder = "" if authority_end is None else rest[2 + authority_end.start() :]
    if not _REST.fullmatch(remainder) or _BAD_ESCAPE.search(remainder):
        return Verdict("L001", "the path or query has characters that must be percent-encoded")
    credentials = "@" in authority
    host_port = authority.rsplit("@", 1)[-1]
    if host_port.startswith("["):
        close = host_port.find("]")
        if close < 0:
            return Verdict("L001", "a malformed IPv6 address")
        literal, port = host_port[1:close], host_port[close + 1 :]
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            return Verdict("L001", "a malformed IPv6 address")
        if port and not re.fullmatch(r":[0-9]*", port):
            return Verdict("L001", "a malformed port")
        host, is_ip = f"[{literal.lower()}]", True
    else:
        host, _, port_text = host_port.partition(":")
        port = ":" + port_text if _ else ""
        if port and not re.fullmatch(r"[0-9]*", port_text):
            return Verdict("L001", "a malformed port")
        if not host:
            return Verdict("L001", "no host: write https://host/path")
        if _ends_in_number(host):
            if parse_ipv4(host) is None:
                return Verdict("L001", "a malformed IPv4 address")
            is_ip = True
        else:
            ascii_host = _ascii_host(host)
            if ascii_host is None:
                return Verdict("L001", "the host is not a valid domain name")
            host, is_ip = ascii_host, False
    if port and port != ":" and not 0 < int(port[1:]) < 65536:
        return Verdict("L001", "the port is out of range")
    host_key = host + (port if port not in ("", ":") else "")
    if ANY_HOST in allowed_hosts or host in allowed_hosts or host_key in allowed_hosts:
        return Verdict(None, "", host)
    if scheme != "https":
        return Verdict("L001", "not https: use the https address", host)
    if credentials:
        return Verdict("L002", "the URL carries credentials", host)
    if is_ip:
        return Verdict("L002", "an IP address, not a public host name", host)
    if "." not in host or host.endswith(_DOTTED_PRIVATE_SUFFIXES) or host in PRIVATE_SUFFIXES:
        return Verdict("L002", f"`{host}` is not a public host", host)
    return Verdict(None, "", host)


_PARTS = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?", re.DOTALL)
_DEFAULT_PORT = {"https": ":443", "http": ":80"}


def normalise(url: str) -> str:
    """The form two URLs are compared in: lowercase scheme and host, no default port, trailing slash or fragment."""
    if not url.endswith("/") and "#" not in url and "?" not in url:
        head = url.split("/", 3)[:3]  # scheme:, "", authority
        if len(head) == 3 and ":" not in head[2] and "/".join(head).islower():
            return url  # already in normal form: the common case, decided without the regular expression
    match = _PARTS.fullmatch(url)
    if match is None:
        return url
    scheme, authority, path, query, _ = match.groups()
    scheme = scheme.lower()
    authority = authority.lower()
    if authority.endswith(_DEFAULT_PORT.get(scheme, "\0")):
        authority = authority[: -len(_DEFAULT_PORT[scheme])]
    return f"{scheme}://{authority}{path.rstrip('/')}{query or ''}"


@lru_cache(maxsize=65536)
def without_tracking(url: str) -> str | None:
    """The URL without tracking parameters, or None when it has none."""
    if "?" not in url:
        return None  # no query
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(key, value) for key, value in query if not TRACKING.fullmatch(key)]
    if len(kept) == len(query):
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))
