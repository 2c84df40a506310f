"""The published schemas (schema/bundled/) as three standard validators use them: ajv, check-jsonschema and
yaml-language-server each accept every committed entry and reject every fixture the linter rejects for its
schema (S003); the valid fixtures, an offering among them (the catalogue has none yet), are accepted
too. Each runs once over all its documents, as the real package, with no network.

The JavaScript tools come from tests/js/package-lock.json (`./scripts/install-test-deps.sh`); when they
are missing the tests fail, since a validator that was never run has not agreed with anything."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import FIXTURES, VALID, VALID_OFFERING
from llm_class_catalogue.model.entry import FOLDER_KINDS
from llm_class_catalogue.validation.modeline import PREFIX
from llm_class_catalogue.validation.yaml_loader import parse_yaml

REPO = Path(__file__).resolve().parent.parent
JS = REPO / "tests" / "js"
BUNDLED = REPO / "schema" / "bundled"
BAD = FIXTURES / "bad"
INSTALL = "./scripts/install-test-deps.sh"
# Every proxy a tool might honour points at a closed local port: a validator that reached for the
# network would fail here rather than quietly succeed.
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
# Codes about how the YAML is read (syntax, duplicate keys, tags, the file as a whole, YAML 1.1 scalars,
# key types, characters): other tools' parsers may read such a file differently, so their verdict on it
# says nothing about the schema. S005 (id against file name) is about the data, so its fixtures stay in.
YAML_LEVEL = {"S001", "S002", "S004", "S006", "S007", "S008", "S009"}
# S003 fixtures that another parser reads as different data, with the reason; the validators are not
# asked about them (test_s003_fixtures_mean_the_same_data_to_every_parser keeps this list exact).
PARSED_DIFFERENTLY = {
    "models/s003-huge-integer.yaml": "a 5000-digit integer: Python refuses to convert over 4300 digits, so "
    "PyYAML and check-jsonschema's ruamel.yaml stop with an error, and JavaScript reads it as Infinity",
}
# S003 fixtures a validator accepts because it means something else by the same schema (JavaScript
# against Python regular expressions, say): (validator, fixture) -> the reason.
ACCEPTED_BY = {
    ("yaml-language-server", "models/s003-impossible-date.yaml"): "its `format: date` is a pattern (a day from "
    "01 to 31 in any month), not a calendar, so 2026-02-30 passes; ajv-formats and jsonschema check the calendar",
}


def _kind(path: Path) -> str:
    if path == VALID_OFFERING:  # kept in a folder of its own (helpers.py says why)
        return "offering"
    return "taxonomy" if path.name == "taxonomy.yaml" else FOLDER_KINDS[path.parent.name]


def _entries() -> list[Path]:
    """Every committed entry, of every kind (a kind whose folder is empty or absent has none)."""
    catalogue = REPO / "catalogue"
    found = [path for folder in FOLDER_KINDS for path in sorted((catalogue / folder).glob("*.yaml"))]
    return [*found, catalogue / "taxonomy.yaml"]


def _expected(path: Path) -> list[tuple[str, int]]:
    """The (code, line) pairs on a bad fixture's `# expect:` line (tests/rules/test_negative_fixtures.py)."""
    match = re.fullmatch(r"# expect: (.+)", path.read_text(encoding="utf-8").splitlines()[1])
    assert match, f"{path} lacks its `# expect:` line"
    return [(code, int(line)) for code, line in (item.strip().split(":") for item in match.group(1).split(","))]


def _codes(path: Path) -> set[str]:
    return {code for code, _ in _expected(path)}


def _lines(path: Path, code: str) -> list[int]:
    return [line for found, line in _expected(path) if found == code]


def _name(path: Path) -> str:
    """A document's name in reports: a fixture's path under tests/fixtures/bad/, an entry's in the repository."""
    return path.relative_to(BAD).as_posix() if path.is_relative_to(BAD) else path.relative_to(REPO).as_posix()


ENTRIES = _entries()
# What every validator must accept: the committed entries and the valid fixtures.
ACCEPTED = [*ENTRIES, *sorted((VALID / "catalogue").glob("*/*.yaml")), VALID_OFFERING]
S003 = [path for path in sorted(BAD.rglob("*.yaml")) if "S003" in (codes := _codes(path)) and not codes & YAML_LEVEL]
REJECTED = [path for path in S003 if _name(path) not in PARSED_DIFFERENTLY]


def _ours(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"), str(path)).data


def _require(tool: Path) -> Path:
    if not tool.exists():
        pytest.fail(f"{tool.relative_to(REPO)} is missing: run {INSTALL} (it installs what the tests need)")
    if shutil.which("node") is None:
        pytest.fail(f"node is not on PATH: install Node.js, then run {INSTALL}")
    return tool


def _node(script: str, request: Any, module: str) -> Any:
    """Run tests/js/<script> with `request` as JSON on stdin; its JSON answer."""
    _require(JS / "node_modules" / module)
    result = subprocess.run(
        ["node", str(JS / script)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        env={**os.environ, **NO_NETWORK},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class _StringTimestamps(yaml.SafeLoader):
    """PyYAML with dates read as text, as JSON Schema sees them (check-jsonschema does the same)."""


_StringTimestamps.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _pyyaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StringTimestamps)  # noqa: S506 (a SafeLoader)
    except (yaml.YAMLError, ValueError) as error:
        return f"error: {error}"


def _as_javascript_holds_it(data: Any) -> Any:
    """Data with each integer past 2**53 as the double JavaScript holds it (1e23 for 10**23 - 1): two of the
    three validators run in JavaScript, where that is the number they judge, whoever parsed the YAML."""
    if isinstance(data, dict):
        return {key: _as_javascript_holds_it(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_javascript_holds_it(item) for item in data]
    if isinstance(data, int) and not isinstance(data, bool) and abs(data) > 2**53:
        return float(data)
    return data


def test_s003_fixtures_mean_the_same_data_to_every_parser() -> None:
    """The linter's loader, plain PyYAML and JavaScript's `yaml` (yaml-language-server's parser) agree on
    every S003 fixture but those in PARSED_DIFFERENTLY, so a validator's verdict is on the same data."""
    assert S003, "no S003 fixtures found"
    js = _node("parse-yaml.mjs", {_name(path): path.read_text(encoding="utf-8") for path in S003}, "yaml")
    differing = set()
    for path in S003:
        read = js[_name(path)]
        ours, pyyaml = _as_javascript_holds_it(_ours(path)), _as_javascript_holds_it(_pyyaml(path))
        if not ours == pyyaml == read.get("data", read.get("error")):
            differing.add(_name(path))
    assert differing == set(PARSED_DIFFERENTLY)


def _verdicts(validator: str, invalid: set[str]) -> None:
    """Every entry and valid fixture valid; every S003 fixture invalid but those ACCEPTED_BY the validator."""
    assert sorted({_name(path) for path in ACCEPTED} & invalid) == []
    expected = {_name(path) for path in REJECTED} - {case for tool, case in ACCEPTED_BY if tool == validator}
    assert sorted(expected - invalid) == []
    assert {case for tool, case in ACCEPTED_BY if tool == validator} & invalid == set(), "drop the ACCEPTED_BY row"


# ajv ------------------------------------------------------------------------------------------------


def test_ajv_accepts_the_entries_and_rejects_the_s003_fixtures() -> None:
    """ajv (Draft 2020-12, with ajv-formats) on each document as JSON: the data the linter's loader read."""
    documents = ACCEPTED + REJECTED
    request = {
        "schemas": {kind: str(BUNDLED / f"{kind}.schema.json") for kind in sorted({_kind(p) for p in documents})},
        "instances": [{"id": _name(path), "schema": _kind(path), "data": _ours(path)} for path in documents],
    }
    results = _node("validate-ajv.mjs", request, "ajv")
    assert len(results) == len(documents)
    _verdicts("ajv", {result["id"] for result in results if not result["valid"]})


# check-jsonschema -------------------------------------------------------------------------------------


CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema", "--output-format", "json", "--schemafile"]


def test_check_jsonschema_accepts_the_entries_and_rejects_the_s003_fixtures() -> None:
    """check-jsonschema's CLI on the YAML files themselves, with `--schemafile`: one run per kind, side by side."""
    by_kind: dict[str, list[Path]] = {}
    for path in ACCEPTED + REJECTED:
        by_kind.setdefault(_kind(path), []).append(path)
    runs = [
        subprocess.Popen(
            [*CHECK_JSONSCHEMA, str(BUNDLED / f"{kind}.schema.json"), *map(str, paths)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **NO_NETWORK},
        )
        for kind, paths in sorted(by_kind.items())
    ]
    invalid: set[str] = set()
    for run in runs:
        stdout, stderr = run.communicate(timeout=120)
        assert run.returncode in (0, 1), stderr
        report = json.loads(stdout)
        assert report.get("parse_errors", []) == []
        invalid |= {_name(Path(error["filename"])) for error in report["errors"]}
    _verdicts("check-jsonschema", invalid)


# yaml-language-server ---------------------------------------------------------------------------------

YAML_SETTINGS = {
    "validate": True,
    "schemaStore": {"enable": False},  # the catalogue of schemas on schemastore.org: a download
    "schemas": {},
    "hover": False,
    "completion": False,
    "format": {"enable": False},
}
# http.proxy is request-light's (the server's HTTP client): a closed local port, as NO_NETWORK.
CONFIGURATION = {"yaml": YAML_SETTINGS, "http": {"proxy": NO_NETWORK["HTTP_PROXY"], "proxyStrictSSL": True}}


class LanguageServer:
    """yaml-language-server over stdio: just enough of the Language Server Protocol to open documents and
    read the diagnostics it publishes for them."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **NO_NETWORK},
            cwd=REPO,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if not line or length is None:
                self.messages.put(None)
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def receive(self, timeout: float) -> dict[str, Any] | None:
        """The next message, after answering any request the server makes of us; None on timeout."""
        try:
            message = self.messages.get(timeout=timeout)
        except queue.Empty:
            return None
        assert message is not None, "yaml-language-server exited"
        if "method" in message and "id" in message:  # a request from the server
            if message["method"] == "workspace/configuration":
                items = message["params"]["items"]
                result: Any = [CONFIGURATION.get(item.get("section", ""), {}) for item in items]
            else:
                result = None
            self.send({"id": message["id"], "result": result})
        return message

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.send({"method": "exit"})
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)  # it stops at the end of the server's output
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


def diagnostics_of(documents: dict[str, str], quiet: float = 0.5, deadline: float = 90) -> dict[str, list[dict]]:
    """The diagnostics one yaml-language-server publishes for each document (uri -> text), as it settles:
    once every document has some, the latest for each after `quiet` seconds with no more."""
    server = LanguageServer(
        ["node", str(_require(JS / "node_modules/yaml-language-server/bin/yaml-language-server")), "--stdio"]
    )
    published: dict[str, list[dict]] = {}
    try:
        root = REPO.as_uri()
        init = server.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": REPO.name}],
                "capabilities": {"workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {}}},
                "initializationOptions": {"yaml": YAML_SETTINGS},
            },
        )
        end = time.monotonic() + deadline
        while (message := server.receive(end - time.monotonic())) is None or message.get("id") != init:
            assert time.monotonic() < end, "no answer to initialize"
        server.send({"method": "initialized", "params": {}})
        # Open the documents once the server has its settings, so it never acts on the defaults.
        while (message := server.receive(end - time.monotonic())) is None or (
            message.get("method") != "workspace/configuration"
        ):
            assert time.monotonic() < end, "the server never asked for its settings"
        for uri, text in documents.items():
            item = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
            server.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
        while True:
            waiting = set(documents) - set(published)
            message = server.receive(quiet if not waiting else end - time.monotonic())
            if message is None and not waiting:
                return published
            assert time.monotonic() < end, f"no diagnostics for {len(waiting)} documents, such as {min(waiting)}"
            if message is not None and message.get("method") == "textDocument/publishDiagnostics":
                published[message["params"]["uri"]] = message["params"]["diagnostics"]
    finally:
        server.close()


def _with_modeline(text: str, schema: Path) -> str:
    first, rest = text.split("\n", 1)
    assert first.startswith(PREFIX), "an entry's first line is its modeline (S011)"
    return f"{PREFIX}{schema.as_uri()}\n{rest}"


@pytest.fixture(scope="module")
def language_server_verdicts() -> dict[str, dict[str, list[dict]]]:
    """One server for every document: the committed entries as they are (their modelines name the source
    schemas, as a contributor's editor reads them), and each entry and fixture with its modeline
    pointed at the bundled schema, under a URI of its own (nothing is written to disk)."""
    as_committed = {path.as_uri(): path for path in ENTRIES}
    bundled = {(REPO / ".bundled" / _name(path)).as_uri(): path for path in ACCEPTED + REJECTED}
    texts = {uri: path.read_text(encoding="utf-8") for uri, path in as_committed.items()}
    for uri, path in bundled.items():
        texts[uri] = _with_modeline(path.read_text(encoding="utf-8"), BUNDLED / f"{_kind(path)}.schema.json")
    published = diagnostics_of(texts)
    return {
        "as committed": {_name(path): published[uri] for uri, path in as_committed.items()},
        "bundled": {_name(path): published[uri] for uri, path in bundled.items()},
    }


def test_yaml_language_server_accepts_the_entries_as_committed(
    language_server_verdicts: dict[str, dict[str, list[dict]]],
) -> None:
    assert {name: d for name, d in language_server_verdicts["as committed"].items() if d} == {}


def test_yaml_language_server_accepts_the_entries_and_rejects_the_s003_fixtures(
    language_server_verdicts: dict[str, dict[str, list[dict]]],
) -> None:
    verdicts = language_server_verdicts["bundled"]
    _verdicts("yaml-language-server", {name for name, found in verdicts.items() if found})


def test_yaml_language_server_reports_the_lines_the_linter_does(
    language_server_verdicts: dict[str, dict[str, list[dict]]],
) -> None:
    """An editor underlines each S003 fixture where `catalogue lint` reports it."""
    verdicts = language_server_verdicts["bundled"]
    lines = {
        _name(path): sorted({d["range"]["start"]["line"] + 1 for d in verdicts[_name(path)]})
        for path in REJECTED
        if ("yaml-language-server", _name(path)) not in ACCEPTED_BY
    }
    assert lines == {
        _name(path): sorted(set(_lines(path, "S003")))
        for path in REJECTED
        if ("yaml-language-server", _name(path)) not in ACCEPTED_BY
    }
