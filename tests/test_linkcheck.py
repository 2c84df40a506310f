"""The online checker against a real HTTP server this test starts on 127.0.0.1."""

from __future__ import annotations

import ipaddress
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
from llm_class_catalogue.links.linkcheck import Checker, Settings, is_public

LARGE = 50 * 1024 * 1024


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

    def _route(self) -> None:
        type(self).counts[self.path] += 1
        path = self.path
        if path == "/ok":
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


@pytest.fixture
def server() -> Iterator[str]:
    Handler.counts = Counter()
    Handler.sent = 0
    Handler.busy_seen = set()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


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
    return Checker(Settings(**options))  # type: ignore[arg-type]


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


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "100.100.100.200",
        "fd00:ec2::254",
        "::ffff:127.0.0.1",
        "224.0.0.1",
        "0.0.0.0",
        "::",
    ],
)
def test_non_public_addresses(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


def test_public_address() -> None:
    assert is_public(ipaddress.ip_address("93.184.215.14"))


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
