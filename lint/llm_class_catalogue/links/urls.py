"""Source URLs judged offline: well-formed absolute https, public host, normal form."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from llm_class_catalogue.model import ruletable as R

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
    """The first problem found (its rule and message), or none; and the host when there is one."""

    rule: R.Rule | None
    message: str
    host: str | None = None

    @property
    def code(self) -> str | None:
        return self.rule.code if self.rule is not None else None


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


def ascii_host(host: str) -> str | None:
    """The host name in lowercase ASCII (IDNA), without a trailing dot; None when it is not a valid name."""
    if host.isascii():  # the IDNA codec passes ASCII through; the label check below is stricter than its own
        name = host.lower()
    else:
        try:
            name = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return None
    name = name[:-1] if name.endswith(".") else name
    if not name or len(name) > 253 or not _HOST_NAME.fullmatch(name):
        return None
    return name


@lru_cache(maxsize=65536)
def judge(url: str, allowed_hosts: frozenset[str] = frozenset()) -> Verdict:
    """L001 when the URL is malformed or not https, L002 when it can never be a public source."""
    if not isinstance(url, str) or url != url.strip() or _SPACE_OR_CONTROL.search(url):
        return Verdict(R.MALFORMED_URL, "the URL has spaces or control characters")
    if "\\" in url:
        return Verdict(R.MALFORMED_URL, "the URL has a backslash")
    match = _SCHEME.fullmatch(url)
    if not match:
        return Verdict(R.MALFORMED_URL, "not an absolute URL: sources start with https://")
    scheme, rest = match.group(1).lower(), match.group(2)
    if scheme not in ("https", "http"):
        return Verdict(R.MALFORMED_URL, f"a {scheme}: URL: sources are https pages")
    if not rest.startswith("//"):
        return Verdict(R.MALFORMED_URL, "no host: write https://host/path")
    authority_end = _AUTHORITY_END.search(rest[2:])
    authority = rest[2:] if authority_end is None else rest[2 : 2 + authority_end.start()]
    remainder = "" if authority_end is None else rest[2 + authority_end.start() :]
    if not _REST.fullmatch(remainder) or _BAD_ESCAPE.search(remainder):
        return Verdict(R.MALFORMED_URL, "the path or query has characters that must be percent-encoded")
    credentials = "@" in authority
    host_port = authority.rsplit("@", 1)[-1]
    if host_port.startswith("["):
        close = host_port.find("]")
        if close < 0:
            return Verdict(R.MALFORMED_URL, "a malformed IPv6 address")
        literal, port = host_port[1:close], host_port[close + 1 :]
        try:
            literal = ipaddress.IPv6Address(literal).compressed
        except ValueError:
            return Verdict(R.MALFORMED_URL, "a malformed IPv6 address")
        if port and not re.fullmatch(r":[0-9]*", port):
            return Verdict(R.MALFORMED_URL, "a malformed port")
        host, is_ip = f"[{literal}]", True
    else:
        host, _, port_text = host_port.partition(":")
        port = ":" + port_text if _ else ""
        if port and not re.fullmatch(r"[0-9]*", port_text):
            return Verdict(R.MALFORMED_URL, "a malformed port")
        if not host:
            return Verdict(R.MALFORMED_URL, "no host: write https://host/path")
        if _ends_in_number(host):
            if parse_ipv4(host) is None:
                return Verdict(R.MALFORMED_URL, "a malformed IPv4 address")
            is_ip = True
        else:
            name = ascii_host(host)
            if name is None:
                return Verdict(R.MALFORMED_URL, "the host is not a valid domain name")
            host, is_ip = name, False
    if port and port != ":" and not 0 < int(port[1:]) < 65536:
        return Verdict(R.MALFORMED_URL, "the port is out of range")
    host_key = host + (port if port not in ("", ":") else "")
    if ANY_HOST in allowed_hosts or host in allowed_hosts or host_key in allowed_hosts:
        return Verdict(None, "", host)
    if scheme != "https":
        return Verdict(R.MALFORMED_URL, "not https: use the https address", host)
    if credentials:
        return Verdict(R.PRIVATE_URL, "the URL carries credentials", host)
    if is_ip:
        return Verdict(R.PRIVATE_URL, "an IP address, not a public host name", host)
    if "." not in host or host.endswith(_DOTTED_PRIVATE_SUFFIXES) or host in PRIVATE_SUFFIXES:
        return Verdict(R.PRIVATE_URL, f"`{host}` is not a public host", host)
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


# -- addresses the online checker may connect to ----------------------------------------------------
# Written out rather than read from ipaddress's is_global, which differs between Python versions and
# judges the IPv6 forms that carry an IPv4 address (NAT64, 6to4, ::a.b.c.d) as global whatever the
# IPv4 inside is. Sources: the IANA IPv4 and IPv6 special-purpose address registries.
_IPV4_SPECIAL = tuple(
    (ipaddress.IPv4Network(network), reason)
    for network, reason in (
        ("0.0.0.0/8", "a 'this network' address"),
        ("10.0.0.0/8", "a private address"),
        ("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
        ("127.0.0.0/8", "a loopback address"),
        ("169.254.0.0/16", "a link-local address (cloud metadata lives here)"),
        ("172.16.0.0/12", "a private address"),
        ("192.0.0.0/24", "an IETF protocol assignment"),
        ("192.0.2.0/24", "a documentation address"),
        ("192.88.99.0/24", "a 6to4 relay anycast address"),
        ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a benchmarking address"),
        ("198.51.100.0/24", "a documentation address"),
        ("203.0.113.0/24", "a documentation address"),
        ("224.0.0.0/4", "a multicast address"),
        ("240.0.0.0/4", "a reserved address"),
    )
)
# IPv6 forms whose last 32 bits (or, for 6to4, bits 16-47) are an IPv4 address: judged by that address.
_IPV6_EMBEDDING = tuple(
    (ipaddress.IPv6Network(network), form)
    for network, form in (
        ("::ffff:0:0/96", "IPv4-mapped"),
        ("::ffff:0:0:0/96", "IPv4-translated"),
        ("64:ff9b::/96", "NAT64"),
        ("::/96", "IPv4-compatible"),
    )
)
_SIXTOFOUR = ipaddress.IPv6Network("2002::/16")
_IPV6_SPECIAL = tuple(
    (ipaddress.IPv6Network(network), reason)
    for network, reason in (
        ("::1/128", "the loopback address"),
        ("::/128", "the unspecified address"),
        ("64:ff9b:1::/48", "a local-use NAT64 address"),
        ("100::/64", "a discard-only address"),
        ("100:0:0:1::/64", "a dummy prefix address"),
        ("2001::/32", "a Teredo address (it tunnels to an IPv4 address it obscures)"),
        ("2001:2::/48", "a benchmarking address"),
        ("2001:10::/28", "an ORCHID (a non-routable identifier)"),
        ("2001:20::/28", "an ORCHIDv2 (a non-routable identifier)"),
        ("2001:db8::/32", "a documentation address"),
        ("3fff::/20", "a documentation address"),
        ("5f00::/16", "a segment routing (SRv6) identifier"),
        ("fc00::/7", "a unique-local (private) address"),
        ("fe80::/10", "a link-local address"),
        ("fec0::/10", "a site-local address"),
        ("ff00::/8", "a multicast address"),
    )
)
# The rest of 2001::/23 is IETF protocol assignments, not globally reachable, but for these.
_IPV6_IETF = ipaddress.IPv6Network("2001::/23")
_IPV6_IETF_GLOBAL = tuple(
    ipaddress.IPv6Network(network)
    for network in ("2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:3::/32", "2001:4:112::/48", "2001:30::/28")
)
_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")  # every public IPv6 address IANA has allocated is in here


def address_problem(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why the checker must not connect to this address (None: a public unicast address)."""
    if isinstance(address, ipaddress.IPv4Address):
        if address == ipaddress.IPv4Address("255.255.255.255"):
            return "the broadcast address"
        return next((reason for network, reason in _IPV4_SPECIAL if address in network), None)
    address = ipaddress.IPv6Address(address.packed)  # without a %scope, which membership tests would trip on
    for network, reason in _IPV6_SPECIAL:
        if address in network:
            return reason
    embedded, form = _embedded_ipv4(address)
    if embedded is not None:
        problem = address_problem(embedded)
        return f"the {form} form of {embedded}, {problem}" if problem else None
    if address in _IPV6_IETF and not any(address in network for network in _IPV6_IETF_GLOBAL):
        return "an IETF protocol assignment"
    if address not in _GLOBAL_UNICAST:
        return "a reserved address (outside 2000::/3, the global unicast range)"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address | None, str]:
    if address in _SIXTOFOUR:
        return address.sixtofour, "6to4"
    for network, form in _IPV6_EMBEDDING:
        if address in network:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF), form
    return None, ""


def host_key(text: str) -> str:
    """An allowed host in the form hops are compared in: lowercase, IPv6 in brackets and compressed.

    Accepts HOST, HOST:PORT, [IPV6], [IPV6]:PORT and a bare IPV6; anything else is kept lowercased.
    """
    text = text.strip().lower()
    if text.startswith("["):
        literal, close, port = text[1:].partition("]")
        if close and (not port or re.fullmatch(r":[0-9]+", port)):
            try:
                return f"[{ipaddress.IPv6Address(literal).compressed}]{port}"
            except ValueError:
                pass
        return text
    if text.count(":") > 1:
        try:
            return f"[{ipaddress.IPv6Address(text).compressed}]"
        except ValueError:
            return text
    return text
