"""The online checker against a real HTTP server this test starts on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import fresh_catalogue
from llm_class_catalogue.cli import cli
from llm_class_catalogue.links.linkcheck import Checker, Settings

LARGE = 50 * 1024 * 1024
# Answers that are not HTTP, or redirects to addresses that are not URLs: sent as raw bytes, each must
# become that URL's outcome (never an exception that ends the run).
RAW = {
    "/location-v6-open": b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n",
    "/location-v6-zz": b"HTTP/1.1 302 Found\r\nLocation: http://[zz::1]/\r\nContent-Length: 0\r\n\r\n",
    "/location-port": b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:99999/\r\nContent-Length: 0\r\n\r\n",
    "/location-host": b"HTTP/1.1 302 Found\r\nLocation: http://a_b..c/\r\nContent-Length: 0\r\n\r\n",
    "/location-cafe": "HTTP/1.1 302 Found\r\nLocation: /café\r\nContent-Length: 0\r\n\r\n".encode(),
    "/location-latin1": b"HTTP/1.1 302 Found\r\nLocation: /caf\xe9\r\nContent-Length: 0\r\n\r\n",
    "/location-controls": b"HTTP/1.1 302 Found\r\nLocation: /a b\x01c\x7f\r\nContent-Length: 0\r\n\r\n",
    "/garbage": b"GARBAGE\r\n\r\n",
    "/status-word": b"HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n",
    "/status-9999": b"HTTP/1.1 9999 Big\r\nContent-Length: 0\r\n\r\n",
    "/status-binary": b"\x00\xff\xfe\r\n\r\n",
    "/header-line-too-long": b"HTTP/1.1 200 OK\r\nX-Long: " + b"x" * 70000 + b"\r\n\r\n",
    "/too-many-headers": b"HTTP/1.1 200 OK\r\n" + b"X-A: 1\r\n" * 150 + b"\r\n",
    "/empty": b"",
    "/bad-chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n",
    "/bad-content-length": b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
}
RAW_OUTCOMES = {
    "/location-v6-open": "broken",
    "/location-v6-zz": "broken",
    "/location-port": "broken",
    "/location-host": "broken",
    "/location-cafe": "ok",
    "/location-latin1": "ok",
    "/location-controls": "ok",
    "/garbage": "unverifiable",
    "/status-word": "unverifiable",
    "/status-9999": "unverifiable",
    "/status-binary": "unverifiable",
    "/header-line-too-long": "unverifiable",
    "/too-many-headers": "unverifiable",
    "/empty": "unverifiable",
    "/bad-chunked": "unverifiable",
    "/bad-content-length": "ok",  # http.client ignores a negative length, as browsers do
}
# IPv6 spellings of 127.0.0.1 a redirect may try (each must be refused before any connection).
LOOPBACK_IN_IPV6 = {
    "/to-nat64": "64:ff9b::7f00:1",
    "/to-nat64-local": "64:ff9b:1::7f00:1",
    "/to-6to4": "2002:7f00:1::",
    "/to-mapped": "::ffff:127.0.0.1",
    "/to-translated": "::ffff:0:7f00:1",
    "/to-compatible": "::7f00:1",
    "/to-teredo": "2001:0:4136:e378:8000:63bf:80ff:fffe",
}


class Handler(BaseHTTPRequestHandler):
    """Each path is one behaviour; the server counts requests and body bytes sent."""

    counts: Counter[str] = Counter()
    sent = 0
    busy_seen: set[str] = set()

    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET" and body:
            self.wfile.write(body)
            type(self).sent += len(body)

    def _raw(self, data: bytes) -> None:
        self.wfile.write(data)
        self.close_connection = True

    def _drip_redirect(self, hop: int) -> None:
        """A redirect whose headers arrive a little at a time, each hop within the per-request timeout."""
        self.wfile.write(b"HTTP/1.1 302 Found\r\n")
        for _ in range(5):
            self.wfile.write(b"X-Drip: 1\r\n")
            self.wfile.flush()
            time.sleep(0.1)
        self.wfile.write(f"Location: /drip-chain/{hop + 1}\r\nContent-Length: 0\r\n\r\n".encode())
        self.close_connection = True

    def _route(self) -> None:
        type(self).counts[self.path] += 1
        path = self.path
        port = self.server.server_address[1]
        if path in RAW and not (path == "/bad-chunked" and self.command == "HEAD"):
            self._raw(RAW[path])
        elif path == "/bad-chunked":
            self._reply(405)
        elif path in ("/caf%C3%A9", "/caf%E9", "/a%20b%01c%7F"):
            self._reply(200)
        elif path in LOOPBACK_IN_IPV6:
            self._reply(302, {"Location": f"http://[{LOOPBACK_IN_IPV6[path]}]:{port}/ok"})
        elif path.startswith("/drip-chain/"):
            self._drip_redirect(int(path.rsplit("/", 1)[1]))
        elif path == "/ok":
            self._reply(200, body=b"fine")
        elif path in ("/missing", "/gone", "/teapot"):
            self._reply({"/missing": 404, "/gone": 410, "/teapot": 418}[path])
        elif path in ("/forbidden", "/private"):
            self._reply({"/forbidden": 403, "/private": 401}[path])
        elif path == "/moved":
            self._reply(301, {"Location": "/ok"})
        elif path == "/moved-308":
            self._reply(308, {"Location": "/moved"})
        elif path == "/temporary":
            self._reply(302, {"Location": "/ok"})
        elif path == "/loop":
            self._reply(302, {"Location": "/loop"})
        elif path == "/to-file":
            self._reply(302, {"Location": "file:///etc/passwd"})
        elif path == "/to-metadata":
            self._reply(302, {"Location": "http://169.254.169.254/latest/meta-data/"})
        elif path == "/to-decimal":
            self._reply(302, {"Location": "http://2130706433/"})
        elif path == "/head-405":
            self._reply(405 if self.command == "HEAD" else 200, body=b"ok")
        elif path == "/busy":
            if path in type(self).busy_seen:
                self._reply(200)
            else:
                type(self).busy_seen.add(path)
                self._reply(429, {"Retry-After": "1"})
        elif path == "/slow":
            time.sleep(3)
            self._reply(200)
        elif path == "/drip":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(40):
                self.wfile.write(b"X-Drip: 1\r\n")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/large":
            self._reply(200 if self.command == "GET" else 405, body=b"x" * LARGE if self.command == "GET" else b"")
        else:
            self._reply(404)

    do_GET = _route
    do_HEAD = _route


class Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def _serve(server_class: type[ThreadingHTTPServer], address: str, shown: str) -> Iterator[str]:
    Handler.counts = Counter()
    Handler.sent = 0
    Handler.busy_seen = set()
    httpd = server_class((address, 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)  # quick to shut down
    thread.start()
    yield f"{shown}:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server() -> Iterator[str]:
    yield from _serve(ThreadingHTTPServer, "127.0.0.1", "127.0.0.1")


def _has_ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.fixture
def server6() -> Iterator[str]:
    if not _has_ipv6_loopback():
        pytest.skip("this machine has no IPv6 loopback")
    yield from _serve(Server6, "::1", "[::1]")


def no_dns(host: str, port: int) -> list[str]:
    """The tests' resolver: no name is ever looked up, so nothing leaves this machine."""
    raise OSError(f"no DNS in tests ({host})")


def checker(host: str, **overrides: object) -> Checker:
    options: dict[str, object] = {
        "allow_hosts": frozenset({host}),
        "interval": 0,
        "timeout": 1.0,
        "retries": 1,
        "backoff": 0.05,
        "retry_after_cap": 1.5,
        **overrides,
    }
    return Checker(Settings(**options), resolve=no_dns)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "outcome"),
    [
        ("/ok", "ok"),
        ("/temporary", "ok"),
        ("/missing", "broken"),
        ("/gone", "broken"),
        ("/teapot", "broken"),
        ("/forbidden", "unverifiable"),
        ("/private", "unverifiable"),
        ("/moved", "redirect"),
        ("/moved-308", "redirect"),
        ("/loop", "broken"),
        ("/to-file", "refused"),
        ("/to-metadata", "refused"),
        ("/to-decimal", "refused"),
        ("/head-405", "ok"),
        ("/busy", "ok"),
        ("/slow", "unverifiable"),
        ("/drip", "unverifiable"),
    ],
)
def test_outcome(server: str, path: str, outcome: str) -> None:
    assert checker(server).check(f"http://{server}{path}").outcome == outcome


def test_permanent_redirect_suggests_the_final_url(server: str) -> None:
    result = checker(server).check(f"http://{server}/moved-308")
    assert result.final_url == f"http://{server}/ok"


def test_retry_after_is_honoured(server: str) -> None:
    started = time.monotonic()
    assert checker(server).check(f"http://{server}/busy").outcome == "ok"
    assert time.monotonic() - started >= 1.0
    assert Handler.counts["/busy"] == 2


def test_a_dripping_server_cannot_hold_the_check_past_its_deadline(server: str) -> None:
    started = time.monotonic()
    checker(server, retries=0).check(f"http://{server}/drip")
    assert time.monotonic() - started < 2.5


def test_large_body_is_not_downloaded(server: str) -> None:
    assert checker(server).check(f"http://{server}/large").outcome == "ok"
    assert Handler.sent < LARGE


def test_without_permission_no_request_reaches_a_private_server(server: str) -> None:
    result = Checker(Settings(interval=0, timeout=1.0)).check(f"http://{server}/ok")
    assert result.outcome == "refused"
    assert sum(Handler.counts.values()) == 0


@pytest.mark.parametrize(("path", "outcome"), sorted(RAW_OUTCOMES.items()))
def test_a_malformed_response_or_redirect_is_that_urls_outcome(server: str, path: str, outcome: str) -> None:
    result = checker(server, retries=0).check(f"http://{server}{path}")
    assert (result.outcome, result.hit_deadline) == (outcome, False), result.detail


def test_a_redirect_to_non_ascii_is_followed_percent_encoded(server: str) -> None:
    assert checker(server).check(f"http://{server}/location-cafe").outcome == "ok"
    assert Handler.counts["/caf%C3%A9"] == 1


@pytest.mark.parametrize("path", sorted(LOOPBACK_IN_IPV6))
def test_a_redirect_to_loopback_spelt_in_ipv6_is_refused_before_connecting(server: str, path: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    result = checker(server, ports=frozenset({80, 443, port})).check(f"http://{server}{path}")  # only the address
    assert result.outcome == "refused", result.detail
    assert LOOPBACK_IN_IPV6[path] in result.detail or "127.0.0.1" in result.detail
    assert Handler.counts["/ok"] == 0


def test_a_dripping_redirect_chain_is_cut_at_the_url_deadline(server: str) -> None:
    """Each hop answers within its own timeout; only the URL's deadline stops the chain."""
    started = time.monotonic()
    result = checker(server, retries=0, max_redirects=20, url_deadline=1.5).check(f"http://{server}/drip-chain/0")
    elapsed = time.monotonic() - started
    assert result.outcome == "unverifiable" and result.hit_deadline
    assert "1.5 s deadline" in result.detail
    assert 1.4 < elapsed < 2.2
    assert Handler.counts["/drip-chain/1"] == 1  # it did follow: each hop on its own was in time


def test_a_retry_wait_past_the_url_deadline_is_not_waited(server: str) -> None:
    started = time.monotonic()
    result = checker(server, url_deadline=0.5, retry_after_cap=5).check(f"http://{server}/busy")
    assert result.outcome == "unverifiable" and result.hit_deadline
    assert time.monotonic() - started < 0.5


def test_the_run_deadline_ends_the_run_and_names_what_was_not_checked(server: str) -> None:
    urls = [f"http://{server}/drip-chain/{n * 100}" for n in range(6)]
    started = time.monotonic()
    results = checker(server, retries=0, max_redirects=20, concurrency=1, url_deadline=0.7, run_deadline=1.0).check_all(
        urls
    )
    assert time.monotonic() - started < 1.6
    outcomes = Counter((r.outcome, r.hit_deadline) for r in results.values())
    assert outcomes == {("unverifiable", True): 2, ("unchecked", False): 4}
    assert "the run's 1 s deadline was hit" in results[urls[1]].detail
    assert all("not checked" in results[url].detail for url in urls[2:])


def test_a_name_resolving_to_a_private_address_is_refused_before_connecting() -> None:
    rebinding = Checker(Settings(interval=0), resolve=lambda host, port: ["10.0.0.7"])
    result = rebinding.check("https://docs.example.com/page")
    assert result.outcome == "refused" and "10.0.0.7" in result.detail


def catalogue_citing(tmp_path: Path, server: str, paths: list[str]) -> Path:
    base = fresh_catalogue(tmp_path)
    model = base / "catalogue/models/acme-small.yaml"
    text = model.read_text()
    sources = "".join(f"  - url: http://{server}{path}\n    title: Page {path}\n" for path in paths)
    model.write_text(text[: text.index("sources:")] + "sources:\n" + sources)
    return base


def online(base: Path, server: str, *extra: str) -> tuple[int, str, str]:
    """Lint only the model that cites the server, so no other URL is looked up."""
    result = CliRunner().invoke(
        cli,
        [
            "lint",
            str(base / "catalogue/models/acme-small.yaml"),
            "--root",
            str(base / "catalogue"),
            "--online",
            "--today",
            "2026-11-28",
            "--allow-host",
            server,
            "--cache-dir",
            str(base / ".catalogue-cache"),
            *extra,
        ],
    )
    return result.exit_code, result.stdout, result.stderr


def test_cli_reports_each_outcome_by_code(tmp_path: Path, server: str) -> None:
    base = catalogue_citing(tmp_path, server, ["/ok", "/gone", "/moved", "/forbidden", "/to-metadata"])
    code, out, _ = online(base, server)
    assert code == 1
    found = sorted(line.split()[1] for line in out.splitlines() if line.startswith("catalogue/"))
    assert found == ["L101", "L102", "L103", "L104"]


def test_second_run_uses_the_cache_for_good_links_only(tmp_path: Path, server: str) -> None:
    base = catalogue_citing(tmp_path, server, ["/ok", "/gone", "/moved"])
    online(base, server)
    first = Counter(Handler.counts)
    online(base, server)
    second = Handler.counts - first
    assert second["/ok"] == 0 and second["/moved"] == 0
    assert second["/gone"] >= 1


def test_corrupt_cache_is_ignored_with_a_warning(tmp_path: Path, server: str) -> None:
    base = catalogue_citing(tmp_path, server, ["/ok"])
    (base / ".catalogue-cache").mkdir()
    (base / ".catalogue-cache/links.json").write_text("{not json")
    code, _, err = online(base, server)
    assert code == 0 and "ignored the unreadable link cache" in err


def test_without_allow_host_the_urls_are_lint_errors_and_never_requested(tmp_path: Path, server: str) -> None:
    base = catalogue_citing(tmp_path, server, ["/ok"])
    result = CliRunner().invoke(
        cli,
        [
            "lint",
            str(base / "catalogue/models/acme-small.yaml"),
            "--root",
            str(base / "catalogue"),
            "--online",
            "--no-cache",
        ],
    )
    assert result.exit_code == 1 and " L001 " in result.stdout
    assert sum(Handler.counts.values()) == 0


def test_exclusions_need_a_reason(tmp_path: Path, server: str) -> None:
    base = catalogue_citing(tmp_path, server, ["/gone"])
    (base / "pyproject.toml").write_text('[tool.catalogue.links]\nexclude = [{ pattern = "*/gone" }]\n')
    assert online(base, server)[0] == 2
    (base / "pyproject.toml").write_text(
        '[tool.catalogue.links]\nexclude = [{ pattern = "*/gone", reason = "Kept to test exclusions." }]\n'
    )
    assert online(base, server)[0] == 0
    assert Handler.counts["/gone"] == 0


def test_an_entry_can_suppress_an_online_rule(tmp_path: Path, server: str) -> None:
    """The settle step treats online diagnostics like every other: suppressed, and never S010 offline."""
    base = catalogue_citing(tmp_path, server, ["/gone"])
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(
        model.read_text() + "suppress:\n  - rule: L101\n    reason: The page is gone but archived copies cite it.\n"
    )
    code, out, _ = online(base, server)
    assert (code, [line for line in out.splitlines() if line.startswith("catalogue/")]) == (0, [])
    offline = CliRunner().invoke(
        cli, ["lint", str(model), "--root", str(base / "catalogue"), "--today", "2026-11-28", "--allow-host", server]
    )
    assert (offline.exit_code, "S010" in offline.stdout) == (0, False), offline.stdout


def test_an_online_suppression_that_suppresses_nothing_is_reported_online(tmp_path: Path, server: str) -> None:
    base = catalogue_citing(tmp_path, server, ["/ok"])
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(model.read_text() + "suppress:\n  - rule: L101\n    reason: A reason long enough to pass.\n")
    _, out, _ = online(base, server)
    assert [line.split()[1] for line in out.splitlines() if line.startswith("catalogue/")] == ["S010"]


def test_cli_deadlines_become_l103_and_the_urls_are_named(tmp_path: Path, server: str) -> None:
    base = catalogue_citing(tmp_path, server, ["/ok", "/drip-chain/0"])
    (base / "pyproject.toml").write_text("[tool.catalogue.links]\nmax-redirects = 20\nretries = 0\n")
    started = time.monotonic()
    code, out, err = online(base, server, "--url-deadline", "1")
    assert time.monotonic() - started < 3
    assert code == 0  # L103 is a warning
    found = [line for line in out.splitlines() if line.startswith("catalogue/")]
    assert len(found) == 1 and " L103 " in found[0] and "1 s deadline for one URL was hit" in found[0]
    assert f"1 hit a deadline: http://{server}/drip-chain/0" in err


def test_cli_deadlines_are_configurable(tmp_path: Path, server: str) -> None:
    base = catalogue_citing(tmp_path, server, ["/drip-chain/0", "/drip-chain/100", "/ok"])
    (base / "pyproject.toml").write_text(
        "[tool.catalogue.links]\nmax-redirects = 20\nretries = 0\nconcurrency = 1\n"
        "url-deadline = 0.6\nrun-deadline = 0.9\n"
    )
    started = time.monotonic()
    code, out, err = online(base, server)
    assert time.monotonic() - started < 3
    assert code == 0
    lines = [line for line in out.splitlines() if line.startswith("catalogue/")]
    assert len(lines) == 3 and all(" L103 " in line for line in lines)
    assert sum("not checked" in line for line in lines) == 1
    assert "1 not checked (the run's deadline passed)" in err


def test_cli_a_malformed_answer_never_ends_the_run(tmp_path: Path, server: str) -> None:
    base = catalogue_citing(tmp_path, server, ["/ok", *RAW])
    (base / "pyproject.toml").write_text("[tool.catalogue.links]\nretries = 0\n")
    code, out, err = online(base, server)
    assert code == 1 and "internal error" not in err
    found = Counter(line.split()[1] for line in out.splitlines() if line.startswith("catalogue/"))
    codes = {"broken": "L101", "unverifiable": "L103", "refused": "L104"}
    assert found == Counter(codes[outcome] for outcome in RAW_OUTCOMES.values() if outcome != "ok")


def test_cli_reaches_an_ipv6_server_allowed_with_brackets(tmp_path: Path, server6: str) -> None:
    base = catalogue_citing(tmp_path, server6, ["/ok", "/moved"])
    code, out, err = online(base, server6)
    assert code == 0, out + err
    assert " L002 " not in out and " L001 " not in out
    assert " L102 " in out  # /moved: a real answer from the server
    assert Handler.counts["/ok"] >= 1


def test_cli_an_ipv6_host_allowed_without_a_port(tmp_path: Path, server6: str) -> None:
    base = catalogue_citing(tmp_path, server6, ["/ok"])
    result = CliRunner().invoke(
        cli,
        [
            "lint",
            str(base / "catalogue/models/acme-small.yaml"),
            "--root",
            str(base / "catalogue"),
            "--online",
            "--today",
            "2026-11-28",
            "--allow-host",
            "[::1]",
            "--no-cache",
        ],
    )
    assert result.exit_code == 0, result.output
    assert Handler.counts["/ok"] >= 1


@pytest.mark.parametrize("allowed", ["[::1]:{port}", "[::1]", "[0:0::1]:{port}"])
def test_offline_an_allowed_ipv6_host_is_not_l002(tmp_path: Path, allowed: str) -> None:
    base = catalogue_citing(tmp_path, "[::1]:8080", ["/ok"])
    args = ["lint", str(base / "catalogue/models/acme-small.yaml"), "--root", str(base / "catalogue")]
    plain = CliRunner().invoke(cli, [*args, "--today", "2026-11-28", "--no-cache"])
    assert plain.exit_code == 1 and " L001 " in plain.stdout  # not https: it needs the allowance
    result = CliRunner().invoke(
        cli, [*args, "--today", "2026-11-28", "--no-cache", "--allow-host", allowed.format(port=8080)]
    )
    assert result.exit_code == 0, result.stdout
    assert " L001 " not in result.stdout and " L002 " not in result.stdout
