"""The online link checker: standard library only, guarded against SSRF, bounded in time and bytes.

The standard library's http.client is enough here and, unlike a higher-level client, reads
no proxy variables, .netrc or cookies from the environment, and lets the connection go to
the very address that passed the address check (no second DNS lookup to rebind).
"""

from __future__ import annotations

import http.client
import ipaddress
import math
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import partial
from urllib.parse import quote, urljoin, urlsplit

from llm_class_catalogue import __version__
from llm_class_catalogue.links.urls import address_problem, ascii_host, parse_ipv4

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
    url_deadline: float = 30.0  # one URL: every hop, retry and wait, however the server answers
    run_deadline: float = 300.0  # check_all: URLs not started by then are not checked
    ports: frozenset[int] = frozenset({80, 443})
    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Result:
    """ok, redirect (permanent, with the final URL), broken, unverifiable, refused, or unchecked (no time left).

    hit_deadline: the check was cut by the URL's or the run's deadline (the outcome is then unverifiable).
    """

    url: str
    outcome: str
    detail: str
    final_url: str | None = None
    hit_deadline: bool = False


class Refused(Exception):
    """A hop the checker will not make: private address, other scheme or port."""


class _Retryable(Exception):
    """A timeout or dropped connection: worth another try."""


class _Broken(Exception):
    """The link is dead: DNS failure, connection refused, a redirect to a malformed address."""


class _Unverifiable(Exception):
    """No verdict: TLS failure, a malformed response, or still failing after the retries."""


class _DeadlineHit(Exception):
    """The URL's (or the run's) time is up."""


@dataclass(frozen=True)
class _Budget:
    """When one URL's check must end (monotonic clock), and what to say when it does."""

    ends: float
    message: str

    @classmethod
    def start(cls, settings: Settings, run_ends: float) -> _Budget:
        url_ends = time.monotonic() + settings.url_deadline
        if run_ends < url_ends:
            return cls(run_ends, f"the run's {settings.run_deadline:g} s deadline was hit")
        return cls(url_ends, f"the {settings.url_deadline:g} s deadline for one URL was hit")

    def left(self) -> float:
        """Seconds left; _DeadlineHit when none are."""
        left = self.ends - time.monotonic()
        if left <= 0:
            raise _DeadlineHit(self.message)
        return left

    def expired(self) -> bool:
        return time.monotonic() >= self.ends


def resolve_addresses(host: str, port: int) -> list[str]:
    """Every address the host resolves to (the system resolver; nothing is connected to yet)."""
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


class _Connection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address already vetted, with the URL's host for Host and TLS."""

    def __init__(self, host: str, port: int, address: str, timeout: float, tls: bool) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address
        self.tls = tls

    def connect(self) -> None:
        # The plain socket is the connection's before the TLS handshake, so the watchdog can cut a
        # server that drips the handshake too.
        self.sock = socket.create_connection((self.address, self.port), self.timeout)
        if self.tls:
            self.sock = ssl.create_default_context().wrap_socket(self.sock, server_hostname=self.host)


@dataclass(frozen=True)
class _Hop:
    """A vetted hop: the host as sent (ASCII), port, the address to connect to, tls, and the request target."""

    host: str
    port: int
    address: str
    tls: bool
    target: str


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
    def _allowed(self, key: str, port: int) -> bool:
        return (
            self.settings.allow_private
            or key in self.settings.allow_hosts
            or f"{key}:{port}" in self.settings.allow_hosts
        )

    def vet(self, url: str, budget: _Budget | None = None) -> _Hop:
        """The hop to make for a URL, or Refused (or _Broken when the URL is malformed or its host unknown).

        IP literals are judged before the port (no lookup needed); names are looked up only when the
        port is allowed, and every address they resolve to must be public.
        """
        try:
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme not in ("http", "https"):
                raise Refused(f"a {scheme or 'relative'}: address")
            raw_host = parts.hostname or ""
            try:
                port = parts.port or (443 if scheme == "https" else 80)
            except ValueError:
                raise Refused("a malformed port") from None
        except ValueError as error:
            raise _Broken(f"a malformed URL ({error})") from None
        if not raw_host:
            raise Refused("no host")
        target = _request_target(parts.path, parts.query)
        literal = _ip_literal(raw_host)
        if literal is not None:
            host, key = literal.compressed, f"[{literal.compressed}]" if literal.version == 6 else literal.compressed
            allowed = self._allowed(key, port)
            problem = None if allowed else address_problem(literal)
            if problem is not None:
                raise Refused(f"{literal} is {problem}")
            if port not in self.settings.ports and not allowed:
                raise Refused(f"port {port}")
            return _Hop(host, port, str(literal), scheme == "https", target)
        if parse_ipv4(raw_host) is not None:
            raise Refused(f"the non-canonical IP spelling {raw_host}")
        name = ascii_host(raw_host)
        if name is None:
            raise _Broken(f"the malformed host name {raw_host!r}")
        allowed = self._allowed(name, port)
        if port not in self.settings.ports and not allowed:
            raise Refused(f"port {port}")
        addresses = self._lookup(name, port, budget)
        if not allowed:
            for address in addresses:
                problem = address_problem(ipaddress.ip_address(address))
                if problem is not None:
                    raise Refused(f"{name} resolves to {address}, {problem}")
        return _Hop(name, port, addresses[0], scheme == "https", target)

    def _lookup(self, host: str, port: int, budget: _Budget | None) -> list[str]:
        """The host's addresses, in a thread of its own so a slow resolver cannot outlast the deadline."""
        answer: list[list[str] | Exception] = []

        def run() -> None:
            try:
                answer.append(self.resolve(host, port))
            except Exception as error:  # handed to the checking thread, which judges it
                answer.append(error)

        lookup = threading.Thread(target=run, daemon=True)  # abandoned, not waited for, past the deadline
        lookup.start()
        lookup.join(budget.left() if budget is not None else None)
        if not answer:
            raise _DeadlineHit(budget.message if budget is not None else "")
        result = answer[0]
        if isinstance(result, OSError | UnicodeError):
            raise _Broken(f"DNS lookup failed ({result})") from None
        if isinstance(result, Exception):
            raise result
        try:
            addresses = [str(ipaddress.ip_address(address)) for address in result]
        except ValueError:
            raise _Broken(f"DNS lookup returned a malformed address ({result})") from None
        if not addresses:
            raise _Broken("DNS lookup returned no address")
        return addresses

    # -- politeness -----------------------------------------------------------------
    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._host_slots.setdefault(host, threading.Semaphore(self.settings.per_host))

    def _wait_turn(self, host: str, budget: _Budget) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._host_last.get(host, 0.0) + self.settings.interval)
            if start - now >= budget.left():
                raise _DeadlineHit(budget.message)
            self._host_last[host] = start
        if start > now:
            self.sleep(start - now)

    # -- one request ----------------------------------------------------------------
    def _request(self, method: str, url: str, budget: _Budget) -> tuple[int, str | None, str | None]:
        """(status, Location, Retry-After) of one request, within its own deadline and the URL's."""
        hop = self.vet(url, budget)
        slot = self._slot(hop.host)
        if not slot.acquire(timeout=budget.left()):
            raise _DeadlineHit(budget.message)
        try:
            self._wait_turn(hop.host, budget)
            timeout = min(self.settings.timeout, budget.left())
            connection = _Connection(hop.host, hop.port, hop.address, timeout, hop.tls)
            overran = threading.Event()
            watchdog = threading.Timer(timeout, _abort, (connection, overran))
            watchdog.start()
            try:
                connection.request(
                    method,
                    hop.target,
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
            except ssl.SSLError as error:
                if overran.is_set():
                    raise self._overran(budget) from None
                raise _Unverifiable(f"TLS failure ({error.reason or error})") from None
            except ConnectionRefusedError:
                raise _Broken("connection refused") from None
            except (TimeoutError, http.client.RemoteDisconnected, http.client.IncompleteRead, OSError) as error:
                if overran.is_set() or isinstance(error, TimeoutError):
                    raise self._overran(budget) from None
                raise _Retryable(f"connection failed ({type(error).__name__})") from None
            except http.client.HTTPException as error:
                if overran.is_set():
                    raise self._overran(budget) from None
                raise _Unverifiable(f"a malformed HTTP response ({_describe(error)})") from None
            finally:
                watchdog.cancel()
                connection.close()
            if overran.is_set():
                raise self._overran(budget)
            return response.status, response.getheader("Location"), response.getheader("Retry-After")
        finally:
            slot.release()

    def _overran(self, budget: _Budget) -> Exception:
        if budget.expired():
            return _DeadlineHit(budget.message)
        return _Retryable(f"no complete answer within {self.settings.timeout:g} s")

    def _with_retries(self, method: str, url: str, budget: _Budget) -> tuple[int, str | None]:
        """Retry timeouts, 429 and 5xx with exponential backoff, honouring Retry-After up to a cap."""
        for attempt in range(self.settings.retries + 1):
            last = attempt == self.settings.retries
            try:
                status, location, retry_after = self._request(method, url, budget)
            except _Retryable as error:
                if last:
                    raise _Unverifiable(str(error)) from None
                self._back_off(attempt, None, budget)
                continue
            if status in RETRY_STATUSES and not last:
                self._back_off(attempt, _retry_after(retry_after), budget)
                continue
            return status, location
        raise AssertionError("unreachable")  # pragma: no cover

    def _back_off(self, attempt: int, retry_after: float | None, budget: _Budget) -> None:
        wait = retry_after if retry_after is not None else self.settings.backoff * 2**attempt
        wait = min(wait, self.settings.retry_after_cap)
        if wait >= budget.left():  # no use waiting for a retry the deadline would cut
            raise _DeadlineHit(budget.message)
        self.sleep(wait)

    # -- one URL, following redirects ----------------------------------------------------
    def check(self, url: str, run_ends: float = math.inf) -> Result:
        """The outcome for one URL, whatever the servers on the way answer: this never raises for their answers."""
        if time.monotonic() >= run_ends:
            return Result(
                url, "unchecked", f"not checked: the run's {self.settings.run_deadline:g} s deadline passed first"
            )
        budget = _Budget.start(self.settings, run_ends)
        permanent = False
        current = url
        seen = {url}
        try:
            for _ in range(self.settings.max_redirects + 1):
                status, location = self._with_retries("HEAD", current, budget)
                if status in HEAD_UNHELPFUL:
                    status, location = self._with_retries("GET", current, budget)
                if status in (301, 302, 303, 307, 308) and location and location.strip():
                    permanent = permanent or status in (301, 308)
                    current = _redirect_target(current, location)
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
        except _DeadlineHit as error:
            where = "" if current == url else f" (at {current})"
            return Result(url, "unverifiable", f"{error}{where}", hit_deadline=True)
        except (ValueError, UnicodeError, OSError, http.client.HTTPException) as error:
            # The last line of defence: a server's answer this module did not foresee is still only this URL's problem.
            return Result(url, "unverifiable", f"the check failed ({_describe(error)})")

    def check_all(self, urls: Iterable[str], progress: Callable[[int], None] = lambda done: None) -> dict[str, Result]:
        """Check distinct URLs concurrently, within the run's deadline; returns results keyed by URL."""
        pending = sorted(set(urls))
        check = partial(self.check, run_ends=time.monotonic() + self.settings.run_deadline)
        results: dict[str, Result] = {}
        with ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency)) as pool:
            for done, result in enumerate(pool.map(check, pending), start=1):
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


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    candidate = host[1:-1] if host.startswith("[") else host
    try:
        return ipaddress.ip_address(candidate)
    except ValueError:
        return None


# Characters left as they are in a request target: RFC 3986's unreserved, sub-delims, ":", "@", "/", "?"
# and "%" (escapes already made); everything else, spaces, controls and non-ASCII, is percent-encoded,
# as browsers do, so that no redirect can make http.client refuse to send the request.
_TARGET_SAFE = "/:@!$&'()*+,;=-._~%?"


def _request_target(path: str, query: str) -> str:
    target = quote(path or "/", safe=_TARGET_SAFE)
    return target + (f"?{quote(query, safe=_TARGET_SAFE)}" if query else "")


def _redirect_target(current: str, location: str) -> str:
    """The URL a Location header leads to from the current one; _Broken when it is malformed."""
    try:
        # http.client decodes header bytes as Latin-1; servers that send non-ASCII mostly mean UTF-8.
        text = location.encode("latin-1").decode("utf-8")
    except UnicodeError:
        text = location
    try:
        target = urljoin(current, text.strip())
        _ = urlsplit(target).port  # raises ValueError for a malformed port or bracketed host
    except ValueError as error:
        raise _Broken(f"a redirect to the malformed address {location!r} ({error})") from None
    return target


def _describe(error: BaseException) -> str:
    text = str(error)
    text = text if len(text) <= 120 else text[:117] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
