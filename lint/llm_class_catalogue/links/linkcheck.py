"""The online link checker: standard library only, guarded against SSRF, bounded in time and bytes.

The standard library's http.client is enough here and, unlike a higher-level client, reads
no proxy variables, .netrc or cookies from the environment, and lets the connection go to
the very address that passed the address check (no second DNS lookup to rebind).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from llm_class_catalogue import __version__
from llm_class_catalogue.links.urls import parse_ipv4

USER_AGENT = f"llm-class-catalogue-linkcheck/{__version__} (+source verification)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
HEAD_UNHELPFUL = {400, 403, 405, 501}


@dataclass(frozen=True)
class Settings:
    concurrency: int = 16
    per_host: int = 2
    interval: float = 0.25
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    retry_after_cap: float = 30.0
    max_redirects: int = 5
    max_body: int = 64 * 1024
    ports: frozenset[int] = frozenset({80, 443})
    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Result:
    """ok, redirect (permanent, with the final URL), broken, unverifiable or refused."""

    url: str
    outcome: str
    detail: str
    final_url: str | None = None


class Refused(Exception):
    """A hop the checker will not make: private address, other scheme or port."""


class _Retryable(Exception):
    """A timeout or dropped connection: worth another try."""


class _Broken(Exception):
    """The link is dead: DNS failure, connection refused."""


class _Unverifiable(Exception):
    """No verdict: TLS failure, or still failing after the retries."""


def resolve_addresses(host: str, port: int) -> list[str]:
    """Every address the host resolves to (the system resolver; nothing is connected to yet)."""
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Globally routable unicast, judging an IPv4-mapped IPv6 address by its IPv4 part."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class _Connection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address already vetted, with the URL's host for Host and TLS."""

    def __init__(self, host: str, port: int, address: str, timeout: float, tls: bool) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address
        self.tls = tls

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        if self.tls:
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.host)
        self.sock = sock


@dataclass
class Checker:
    settings: Settings
    resolve: Callable[[str, int], list[str]] = field(default=lambda host, port: resolve_addresses(host, port))
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        self._host_slots: dict[str, threading.Semaphore] = {}
        self._host_last: dict[str, float] = {}
        self._lock = threading.Lock()

    # -- the address guard ----------------------------------------------------------
    def _allowed(self, host: str, port: int) -> bool:
        return (
            self.settings.allow_private
            or host in self.settings.allow_hosts
            or f"{host}:{port}" in self.settings.allow_hosts
        )

    def vet(self, url: str) -> tuple[str, int, str, bool]:
        """(host, port, address to connect to, tls) for a hop, or Refused."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise Refused(f"a {scheme or 'relative'}: address")
        host = (parts.hostname or "").lower()
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            raise Refused("a malformed port") from None
        if not host:
            raise Refused("no host")
        allowed = self._allowed(host, port)
        if port not in self.settings.ports and not allowed:
            raise Refused(f"port {port}")
        literal = _ip_literal(host)
        if literal is not None:
            addresses = [literal]
        elif _looks_numeric(host):
            raise Refused(f"the non-canonical IP spelling {host}")
        else:
            try:
                addresses = self.resolve(host, port)
            except (OSError, UnicodeError) as error:
                raise _Broken(f"DNS lookup failed ({error})") from None
        if not addresses:
            raise _Broken("DNS lookup returned no address")
        if not allowed:
            for address in addresses:
                if not is_public(ipaddress.ip_address(address)):
                    raise Refused(f"{host} resolves to the non-public address {address}")
        return host, port, addresses[0], scheme == "https"

    # -- politeness -----------------------------------------------------------------
    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._host_slots.setdefault(host, threading.Semaphore(self.settings.per_host))

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._host_last.get(host, 0.0) + self.settings.interval)
            self._host_last[host] = start
        if start > now:
            self.sleep(start - now)

    # -- one request ----------------------------------------------------------------
    def _request(self, method: str, url: str) -> tuple[int, str | None, str | None]:
        """(status, Location, Retry-After) of one request, within a total deadline."""
        host, port, address, tls = self.vet(url)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        with self._slot(host):
            self._wait_turn(host)
            connection = _Connection(host, port, address, self.settings.timeout, tls)
            overran = threading.Event()
            watchdog = threading.Timer(self.settings.timeout, _abort, (connection, overran))
            watchdog.start()
            try:
                connection.request(
                    method,
                    path,
                    headers={
                        "User-Agent": USER_AGENT,
                        "Accept": "*/*",
                        "Accept-Encoding": "identity",
                        "Connection": "close",
                    },
                )
                response = connection.getresponse()
                if method == "GET":
                    response.read(self.settings.max_body)
            except TimeoutError as error:
                raise _Retryable(f"timed out after {self.settings.timeout:g} s") from error
            except ssl.SSLError as error:
                raise _Unverifiable(f"TLS failure ({error.reason or error})") from None
            except ConnectionRefusedError:
                raise _Broken("connection refused") from None
            except (OSError, http.client.HTTPException) as error:
                if overran.is_set():
                    raise _Retryable(f"no complete answer within {self.settings.timeout:g} s") from error
                raise _Retryable(f"connection failed ({type(error).__name__})") from error
            finally:
                watchdog.cancel()
                connection.close()
            if overran.is_set():
                raise _Retryable(f"no complete answer within {self.settings.timeout:g} s")
            return response.status, response.getheader("Location"), response.getheader("Retry-After")

    def _with_retries(self, method: str, url: str) -> tuple[int, str | None]:
        """Retry timeouts, 429 and 5xx with exponential backoff, honouring Retry-After up to a cap."""
        for attempt in range(self.settings.retries + 1):
            last = attempt == self.settings.retries
            try:
                status, location, retry_after = self._request(method, url)
            except _Retryable as error:
                if last:
                    raise _Unverifiable(str(error)) from None
                self._back_off(attempt, None)
                continue
            if status in RETRY_STATUSES and not last:
                self._back_off(attempt, _retry_after(retry_after))
                continue
            return status, location
        raise AssertionError("unreachable")  # pragma: no cover

    def _back_off(self, attempt: int, retry_after: float | None) -> None:
        wait = retry_after if retry_after is not None else self.settings.backoff * 2**attempt
        self.sleep(min(wait, self.settings.retry_after_cap))

    # -- one URL, following redirects ----------------------------------------------------
    def check(self, url: str) -> Result:
        permanent = False
        current = url
        seen = {url}
        try:
            for _ in range(self.settings.max_redirects + 1):
                status, location = self._with_retries("HEAD", current)
                if status in HEAD_UNHELPFUL:
                    status, location = self._with_retries("GET", current)
                if status in (301, 302, 303, 307, 308) and location:
                    permanent = permanent or status in (301, 308)
                    current = urljoin(current, location)
                    if current in seen:
                        return Result(url, "broken", "a redirect loop")
                    seen.add(current)
                    continue
                return _classify(url, status, current if permanent else None)
            return Result(url, "broken", f"more than {self.settings.max_redirects} redirects")
        except Refused as error:
            return Result(url, "refused", f"refused to follow to {current}: {error}")
        except _Broken as error:
            return Result(url, "broken", str(error))
        except _Unverifiable as error:
            return Result(url, "unverifiable", str(error))

    def check_all(self, urls: Iterable[str], progress: Callable[[int], None] = lambda done: None) -> dict[str, Result]:
        """Check distinct URLs concurrently; returns results keyed by URL."""
        pending = sorted(set(urls))
        results: dict[str, Result] = {}
        with ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency)) as pool:
            for done, result in enumerate(pool.map(self.check, pending), start=1):
                results[result.url] = result
                progress(done)
        return results


def _abort(connection: http.client.HTTPConnection, overran: threading.Event) -> None:
    """Cut a connection that overran its deadline (a server dripping bytes cannot hold it)."""
    overran.set()
    sock = connection.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _classify(url: str, status: int, final_url: str | None) -> Result:
    if 200 <= status < 300:
        return (
            Result(url, "redirect", f"moved permanently to {final_url}", final_url)
            if final_url
            else Result(url, "ok", f"HTTP {status}")
        )
    if status in (401, 403, 429) or status >= 500:
        return Result(url, "unverifiable", f"HTTP {status}")
    return Result(url, "broken", f"HTTP {status}")


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _ip_literal(host: str) -> str | None:
    candidate = host[1:-1] if host.startswith("[") else host
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _looks_numeric(host: str) -> bool:
    return parse_ipv4(host) is not None
