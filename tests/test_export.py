"""The export: valid against its own schema, deterministic, derived, one entry per line, refused on lint errors,
atomic."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import fresh_catalogue
from jsonschema import Draft202012Validator, FormatChecker
from llm_class_catalogue.cli import cli

REPO = Path(__file__).resolve().parent.parent
EXPORT_SCHEMA = json.loads((REPO / "schema/export.schema.json").read_text())


def export(base: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["export", "--root", str(base / "catalogue"), "--today", "2026-11-28", *args])
    return result.exit_code, result.stdout, result.stderr


def exported(base: Path) -> dict:
    return json.loads((base / "export/catalogue.json").read_text())


def test_export_validates_against_its_schema_and_derives_members(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    code, _, err = export(base)
    assert code == 0, err
    document = exported(base)
    Draft202012Validator(EXPORT_SCHEMA, format_checker=FormatChecker()).validate(document)
    classes = {c["id"]: c["members"] for c in document["classes"]}
    assert classes == {
        "chat": ["acme-big", "acme-small"],
        "slm": ["acme-small"],
        "long-context": ["acme-big"],
        "embedding": [],
        "tool-use": [],
        "reasoning": [],
    }
    assert [p["models"] for p in document["providers"]] == [["acme-big", "acme-small"]]


def test_facts_share_one_shape(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    export(base)
    models = {m["id"]: m for m in exported(base)["models"]}
    big, small = models["acme-big"]["facts"], models["acme-small"]["facts"]
    assert big["architecture"] == {
        "value": "moe",
        "confidence": "low",
        "note": "Reported by the press, never confirmed by Acme.",
    }
    assert big["parameters_total"] == {
        "value": None,
        "confidence": "medium",
        "note": "Acme has not disclosed the parameter count.",
    }
    assert small["parameters_total"] == {"value": 3000000000, "confidence": "high", "note": None}
    assert small["parameters_active"] == {"value": None, "confidence": None, "note": None}
    assert models["acme-big"]["available"] is True  # deprecated: still served until it retires
    assert models["acme-small"]["available"] is True


def test_each_entry_has_a_line_of_its_own(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    export(base)
    text = (base / "export/catalogue.json").read_text(encoding="utf-8")
    document = json.loads(text)
    entity_lines = [line for line in text.split("\n") if line.startswith("    ")]
    entities = [json.loads(line.strip().removesuffix(",")) for line in entity_lines]
    assert entities == document["classes"] + document["models"] + document["providers"]
    taxonomy_line = next(line for line in text.split("\n") if line.startswith('  "taxonomy": '))
    assert json.loads(taxonomy_line.removeprefix('  "taxonomy": ').removesuffix(",")) == document["taxonomy"]


def test_content_hash_is_the_sha256_of_the_collections_compact_sorted_json(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    export(base)
    document = exported(base)
    collections = {key: document[key] for key in ("taxonomy", "classes", "models", "providers")}
    text = json.dumps(collections, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert document["content_hash"] == "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def test_changing_one_model_changes_its_line_and_the_hash_only(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    export(base)
    before = (base / "export/catalogue.json").read_text(encoding="utf-8").split("\n")
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(model.read_text().replace("context_window: 32768", "context_window: 65536"))
    export(base)
    after = (base / "export/catalogue.json").read_text(encoding="utf-8").split("\n")
    assert len(after) == len(before)
    changed = [new for old, new in zip(before, after, strict=True) if old != new]
    assert len(changed) == 2
    assert changed[0].startswith('  "content_hash": ')
    assert json.loads(changed[1].strip().removesuffix(","))["id"] == "acme-small"


def test_model_ids_schema_lists_ids_and_aliases(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    export(base)
    schema = json.loads((base / "export/model-ids.schema.json").read_text())
    assert schema["enum"] == sorted(["acme-big", "acme-small", "acme-small-2603", "Acme S"])


def test_lint_error_refuses_and_keeps_the_previous_file(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    export(base)
    before = (base / "export/catalogue.json").read_bytes()
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(model.read_text().replace("provider: acme", "provider: nobody"))
    code, out, err = export(base)
    assert code == 1 and "R001" in err and out == ""
    assert (base / "export/catalogue.json").read_bytes() == before


def test_staleness_never_blocks_an_export(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    result = CliRunner().invoke(cli, ["export", "--root", str(base / "catalogue"), "--today", "2100-01-01"])
    assert result.exit_code == 0


def test_check_reports_an_out_of_date_export(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    export(base)
    assert export(base, "--check")[0] == 0
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(model.read_text().replace("context_window: 32768", "context_window: 65536"))
    code, _, err = export(base, "--check")
    assert code == 1 and "export/catalogue.json: out of date" in err


def test_stdout_and_jsonl(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    code, out, _ = export(base, "-o", "-", "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["kind"] for r in records] == ["meta", *["class"] * 6, "model", "model", "provider"]
    assert not (base / "export").exists()


def test_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = fresh_catalogue(tmp_path)
    export(base)
    before = (base / "export/catalogue.json").read_bytes()
    model = base / "catalogue/models/acme-small.yaml"
    model.write_text(model.read_text().replace("context_window: 32768", "context_window: 65536"))

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        from datetime import date

        from llm_class_catalogue.commands.publish import run_export

        run_export(str(base / "catalogue"), None, "json", False, date(2026, 11, 28))
    assert (base / "export/catalogue.json").read_bytes() == before
    left = sorted(p.relative_to(base / "export").as_posix() for p in (base / "export").rglob("*") if p.is_file())
    assert left == [
        "catalogue.json",
        "lifecycle.ics",
        "litellm/model_prices_and_context_window.json",
        "model-ids.schema.json",
        "v2/catalogue.json",
        "v2/routable-ids.schema.json",
    ]


def test_written_files_are_as_readable_as_a_plain_write(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    previous = os.umask(0o022)
    try:
        export(base)
    finally:
        os.umask(previous)
    for name in ("catalogue.json", "model-ids.schema.json"):
        assert (base / "export" / name).stat().st_mode & 0o777 == 0o644


def test_byte_identical_across_time_zone_locale_and_hash_seed(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    outputs = []
    for tz, locale, seed in (("UTC", "C", "0"), ("Pacific/Kiritimati", "C.UTF-8", "12345")):
        env = {**os.environ, "TZ": tz, "LC_ALL": locale, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        result = subprocess.run(
            [sys.executable, "-m", "llm_class_catalogue", "export", "--root", str(base / "catalogue"), "-o", "-"],
            capture_output=True,
            env=env,
            cwd=tmp_path,
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and outputs[0].endswith(b"}\n")


def test_committed_export_and_page_are_current() -> None:
    for command in ("export", "render"):
        result = CliRunner().invoke(cli, [command, "--root", str(REPO / "catalogue"), "--check"])
        assert result.exit_code == 0, result.stderr


def test_model_lines_made_in_worker_processes_are_the_lines_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import llm_class_catalogue.loading.loader
    from llm_class_catalogue.commands.publish import export_products
    from llm_class_catalogue.engine.config import Config
    from llm_class_catalogue.engine.load import load
    from llm_class_catalogue.loading.workspace import Workspace
    from llm_class_catalogue.outputs import export as exporting
    from llm_class_catalogue.outputs import export_v2

    base = fresh_catalogue(tmp_path)
    plain = [version.build(load(Workspace(base), Config())) for version in (exporting, export_v2)]
    monkeypatch.setattr(llm_class_catalogue.loading.loader, "POOL_THRESHOLD", 1)
    cache = tmp_path / "cache"
    catalogue = load(Workspace(base), Config(), cache, workers=2, products=export_products(("1", "2")))
    models = catalogue.of_kind("model").values()
    made_here = (exporting.MODEL_LINE, export_v2.MODEL_LINE, exporting.MODEL_SUMMARY)
    assert all(model.made[name] for model in models for name in made_here)
    made = [version.build(catalogue) for version in (exporting, export_v2)]
    assert all(model.loaded is None for model in models), "building the exports decoded a model's data"
    for ours, theirs in zip(made, plain, strict=True):
        assert ours.encoded == theirs.encoded and ours.model_names == theirs.model_names
        assert ours.document == theirs.document
    assert all("made" not in shard.read_text() for shard in cache.glob("files-*.json")), "lines are not cached"
