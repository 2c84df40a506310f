"""The `catalogue` command. The only module that imports click, prints or exits."""

from __future__ import annotations

import signal
import sys
from datetime import UTC, date, datetime
from typing import Any

import click

from llm_class_catalogue import __version__
from llm_class_catalogue.commands.choices import EXPORT_FORMATS, EXPORT_MAJORS
from llm_class_catalogue.commands.scaffold import BODIES
from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.outputs.reporters import REPORTERS
from llm_class_catalogue.peers.report import REPORTERS as COMPARE_REPORTERS


def _today(value: str | None) -> date:
    if value is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--today") from None


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


class _Group(click.Group):
    """Turns the tool's own failures into one line on stderr and exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        from llm_class_catalogue.loading.loader import InternalError

        try:
            return super().invoke(ctx)
        except ToolError as error:
            click.echo(f"catalogue: error: {error}", err=True)
            ctx.exit(2)
        except InternalError as error:
            click.echo(f"catalogue: internal error {error}; please report this as a bug", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="catalogue")
def cli() -> None:
    """Lint and publish the LLM class catalogue.

    \b
    Example:
      catalogue lint && catalogue export
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(tuple(REPORTERS)),
    default="text",
    show_default=True,
    help="Report format; json, github and sarif keep stdout for the report alone.",
)
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Also skip these codes or prefixes (comma-separated).")
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--today", metavar="YYYY-MM-DD", help="The date the time rules count from (default: today, UTC).")
@click.option("--online", is_flag=True, help="Also check every source URL over the network (L101-L104).")
@click.option("--allow-private", is_flag=True, help="Let --online reach private addresses (internal mirrors, tests).")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="HOST[:PORT]",
    help="Let --online reach this one host even when private, and over plain http ([IPV6]:PORT for IPv6).",
)
@click.option(
    "--url-deadline",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Longest --online spends on one URL, every redirect and retry included (default 30).",
)
@click.option(
    "--run-deadline",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Longest --online spends on all URLs; those not started by then are reported unchecked (default 300).",
)
@click.option(
    "--cache-dir",
    metavar="DIR",
    help="Where parsed files and --online's link results are kept (default: .catalogue-cache/).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write any cache: every file is parsed.")
def lint(
    paths: tuple[str, ...],
    root: str | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    today: str | None,
    online: bool,
    allow_private: bool,
    allow_hosts: tuple[str, ...],
    url_deadline: float | None,
    run_deadline: float | None,
    cache_dir: str | None,
    no_cache: bool,
) -> None:
    """Check the catalogue: schema, references, criteria, time and links.

    The whole catalogue is always loaded (references need it); with PATHS, only problems
    in those files or folders are reported.

    \b
    Examples:
      catalogue lint
      catalogue lint catalogue/models/gpt-4o.yaml --format github
      catalogue lint --select S,R --strict
      catalogue lint --online --format github
    """
    from llm_class_catalogue.commands.lint import LintRequest, run_lint
    from llm_class_catalogue.engine.online import OnlineOptions

    request = LintRequest(
        paths,
        root,
        output_format,
        _codes(select),
        _codes(ignore),
        strict,
        _today(today),
        online,
        OnlineOptions(allow_private, allow_hosts, url_deadline=url_deadline, run_deadline=run_deadline),
        not no_cache,
        cache_dir,
    )
    outcome = run_lint(request, _progress if online and sys.stderr.isatty() else lambda done, total: None)
    click.echo(outcome.report, nl=False)
    for note in outcome.notes:
        click.echo(note, err=output_format != "text" or note != outcome.notes[-1])
    sys.exit(1 if outcome.failed else 0)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    click.echo(f"\rlinks [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", nl=done >= total, err=True)


def _finish(outcome: Any) -> None:
    click.echo(outcome.stdout, nl=False)
    click.echo(outcome.stderr, nl=False, err=True)
    sys.exit(outcome.code)


@cli.command()
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option(
    "-o", "--output", metavar="PATH", help="Where to write one version (- for stdout); default: every version."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="json: one document (and model-ids.schema.json beside it); jsonl: one entity per line.",
)
@click.option(
    "--major",
    type=click.Choice(EXPORT_MAJORS),
    help="Only this export version (with -o, default 1 until version 1 is retired; see docs/export-changelog.md).",
)
@click.option("--check", is_flag=True, help="Exit 1 if the file on disk is not what export would write.")
@click.option("--today", metavar="YYYY-MM-DD", help="The date lint counts from (time rules never block an export).")
def export(
    root: str | None, output: str | None, output_format: str, major: str | None, check: bool, today: str | None
) -> None:
    """Write the catalogue as JSON for downstream tools, only when lint finds no errors: export 1 at
    export/catalogue.json and export 2 at export/v2/catalogue.json, each with its ids schema.

    \b
    Examples:
      catalogue export
      catalogue export --check
      catalogue export -o - --major 2 --format jsonl
    """
    from llm_class_catalogue.commands.publish import run_export

    _finish(run_export(root, output, output_format, check, _today(today), major))


@cli.command()
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="Where to write (default: docs/classes-of-large-language-models.md; - for stdout).",
)
@click.option("--check", is_flag=True, help="Exit 1 if the page on disk is not what render would write.")
@click.option("--today", metavar="YYYY-MM-DD", help="The date lint counts from.")
def render(root: str | None, output: str | None, check: bool, today: str | None) -> None:
    """Regenerate the taxonomy page from the data, only when lint finds no errors.

    \b
    Examples:
      catalogue render
      catalogue render --check
    """
    from llm_class_catalogue.commands.publish import run_render

    _finish(run_render(root, output, check, _today(today)))


@cli.command()
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option("--check", is_flag=True, help="Exit 1 if the export, the page or the bundled schemas are out of date.")
@click.option("--today", metavar="YYYY-MM-DD", help="The date lint counts from.")
def publish(root: str | None, check: bool, today: str | None) -> None:
    """Export, render and bundle the schemas in one go (what to run after editing entries or schemas).

    \b
    Examples:
      catalogue publish
      catalogue publish --check
    """
    from llm_class_catalogue.commands.publish import run_publish

    _finish(run_publish(root, check, _today(today)))


@cli.command()
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option(
    "-o", "--output", metavar="DIR", required=True, help="The folder to write the API into (made if missing)."
)
@click.option("--today", metavar="YYYY-MM-DD", help="The date lint counts from (time rules never block it).")
def api(root: str | None, output: str, today: str | None) -> None:
    """Write the static JSON API, only when lint finds no errors: index.json, one document per model,
    class, provider and offering, routable-ids.json, and openapi.json (its OpenAPI 3.1 description).

    Paths never move: an id's document stays at models/ID.json, and an id kept among a renamed
    model's aliases points to the model. Unchanged documents are not rewritten.

    \b
    Example:
      catalogue api -o site/api
    """
    from llm_class_catalogue.commands.api import run_api

    _finish(run_api(root, output, _today(today)))


@cli.command()
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option("-o", "--output", metavar="DIR", help="The build folder (default: build/site/; emptied first).")
@click.option(
    "--repository",
    metavar="OWNER/NAME",
    envvar="GITHUB_REPOSITORY",
    help="The GitHub repository the pages' edit links point to (default: $GITHUB_REPOSITORY).",
)
@click.option("--today", metavar="YYYY-MM-DD", help="The date review ages count from (default: today, UTC).")
def site(root: str | None, output: str | None, repository: str | None, today: str | None) -> None:
    """Build the static site from lint-clean data: home, models table, a page per model and class,
    compare, and routing when export/routes/ has recipes. Nothing in it loads from another host.

    \b
    Examples:
      catalogue site
      catalogue site -o /tmp/site --repository owner/llm-class-catalogue
      python -m http.server -d build/site
    """
    from llm_class_catalogue.commands.site import run_site

    _finish(run_site(root, output, _today(today), repository))


@cli.command()
@click.argument("kind", type=click.Choice(tuple(BODIES)))
@click.argument("entry_id", metavar="ID")
@click.option("--name", help="The entry's name.")
@click.option("--provider", help="For a model: its provider's id.")
@click.option("--class", "classes", multiple=True, metavar="CLASS", help="For a model: a class id (repeatable).")
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
def new(
    kind: str, entry_id: str, name: str | None, provider: str | None, classes: tuple[str, ...], root: str | None
) -> None:
    """Start a new entry from its kind's template (never overwrites).

    Placeholders are reported by `catalogue lint` (C003) until each is replaced by a sourced value.

    \b
    Example:
      catalogue new model acme-large --name "Acme Large" --provider acme --class chat
    """
    import os

    from llm_class_catalogue.commands.scaffold import NewEntry, create
    from llm_class_catalogue.loading.workspace import find_workspace

    path = create(find_workspace(root).base, NewEntry(kind, entry_id, name, provider, classes), _today(None))
    rel = os.path.relpath(path)
    click.echo(
        f"created {rel}\n\nnext:\n"
        "  1. fill every <FILL IN ...> from a primary source you read, and list it in sources\n"
        "  2. delete optional fields that do not apply; write unknown facts as value: null with a note\n"
        f"  3. catalogue lint {rel}\n"
        "  4. catalogue publish, then commit the entry with export/ and docs/"
    )


@cli.command()
@click.argument("name")
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option("--today", metavar="YYYY-MM-DD", help="The date review ages count from (default: today, UTC).")
@click.option(
    "--cache-dir", metavar="DIR", help="Where `lint --online` keeps link results (default: .catalogue-cache/)."
)
def show(name: str, root: str | None, today: str | None, cache_dir: str | None) -> None:
    """Show one entry (by id, name, alias or family) with references resolved and its review status.

    \b
    Examples:
      catalogue show gpt-4o
      catalogue show "Claude 3 Opus"
    """
    from llm_class_catalogue.commands.show import show_entry

    click.echo(show_entry(root, name, _today(today), cache_dir), nl=False)


@cli.command("review-due")
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option(
    "--within", type=click.IntRange(min=0), metavar="DAYS", help="Only entries due within DAYS (overdue included)."
)
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--today", metavar="YYYY-MM-DD", help="The date to count from (default: today, UTC).")
def review_due(root: str | None, within: int | None, output_format: str, today: str | None) -> None:
    """List entries by the date their review falls due, oldest first.

    \b
    Examples:
      catalogue review-due --within 30
      catalogue review-due --format json
    """
    from llm_class_catalogue.commands.review import review_schedule, review_table

    click.echo(review_table(review_schedule(root, _today(today), within), output_format), nl=False)


@cli.command()
@click.option("--litellm", metavar="FILE", help="LiteLLM's model map (model_prices_and_context_window.json).")
@click.option(
    "--models-dev", "models_dev", metavar="FILE_OR_DIR", help="models.dev's api.json, or a checkout of its source tree."
)
@click.option("--openrouter", metavar="FILE", help="OpenRouter's models list (the JSON of GET /api/v1/models).")
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(tuple(COMPARE_REPORTERS)),
    default="text",
    show_default=True,
    help="markdown is fit for an issue comment; json and markdown keep stdout for the report alone.",
)
@click.option(
    "--allowlist", metavar="FILE", help="Settled findings (default: compare-allowlist.yaml beside catalogue/)."
)
@click.option("--today", metavar="YYYY-MM-DD", help="The date lint counts from (time rules never block a comparison).")
def compare(
    litellm: str | None,
    models_dev: str | None,
    openrouter: str | None,
    root: str | None,
    output_format: str,
    allowlist: str | None,
    today: str | None,
) -> None:
    """Compare the catalogue with peers' published files; report every fact on which they disagree.

    Matches offerings by the peer ids they record (else by API id, id and aliases: a weaker match) and
    compares limits, prices, capabilities, modalities, open weights, release and retirement dates.
    Each finding has a code: P001 real conflict, P002 the peer describes another host or scope, P003
    within rounding, P004 ours stated more precisely, P005 not catalogued (a model of OpenAI, Anthropic,
    Google, Qwen, DeepSeek, Mistral or Meta), P006 a recorded peer id the peer lacks, P007 a stale
    allow-list item. Never edits an entry. Exit 0 no findings, 1 findings, 2 a file cannot be read.

    \b
    Examples:
      catalogue compare --litellm model_prices_and_context_window.json
      catalogue compare --models-dev api.json --openrouter models.json --format markdown
    """
    from llm_class_catalogue.commands.compare import CompareRequest, run_compare

    files = {
        name: path
        for name, path in (("litellm", litellm), ("models_dev", models_dev), ("openrouter", openrouter))
        if path
    }
    _finish(run_compare(CompareRequest(files, root, output_format, allowlist, _today(today))))


@cli.command()
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule: code, name, default severity and what it checks.

    \b
    Example:
      catalogue rules --format json
    """
    from llm_class_catalogue.commands.rules import rules_table

    click.echo(rules_table(output_format), nl=False)


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _list(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _query_error(run: Any) -> Any:
    """Run a reader query; a question it has no meaning for is a usage error (exit 2)."""
    from llm_class_catalogue.reader import QueryError

    try:
        return run()
    except QueryError as error:
        raise click.UsageError(str(error)) from None


def _selection_options(function: Any) -> Any:
    """The filters `select` takes (plan overrides none of them: a recipe holds its own)."""
    options = [
        click.option(
            "--class", "classes", multiple=True, metavar="ID", help="In this class (repeatable: all of them)."
        ),
        click.option(
            "--needs", multiple=True, metavar="LIST", help="tools, structured-output, reasoning, vision, audio, pdf."
        ),
        click.option(
            "--output",
            "output_modalities",
            multiple=True,
            metavar="LIST",
            help="Output modalities (text, image, audio, embedding).",
        ),
        click.option("--min-context", metavar="N", help="At least this context window (tokens; 200000 or 200k)."),
        click.option("--min-output", metavar="N", help="At least this maximum output (tokens)."),
        click.option("--open-weights", is_flag=True, help="Only models whose weights are published."),
        click.option("--max-params", metavar="N", help="At most this many parameters (4000000000 or 4B)."),
        click.option(
            "--license",
            multiple=True,
            metavar="LIST",
            help="Allowed licences (SPDX ids); `permissive` for MIT, Apache-2.0, BSD-* (the README lists them).",
        ),
        click.option(
            "--host", multiple=True, metavar="ID", help="Only offerings of this host (provider id; repeatable)."
        ),
        click.option("--max-dimensions", metavar="N", help="Embedding models: at most this many dimensions."),
        click.option("--min-dimensions", metavar="N", help="Embedding models: at least this many dimensions."),
        click.option(
            "--min-embedding-input", metavar="N", help="Embedding models: at least this input limit (tokens)."
        ),
        click.option(
            "--where",
            "criteria",
            multiple=True,
            metavar="JSON",
            help='A criterion in the class-criteria language, e.g. \'{"fact": "reasoning_mode", "equals": "hybrid"}\'.',
        ),
        click.option(
            "--max-price-in",
            type=click.FloatRange(min=0),
            metavar="USD",
            help="At most this input price per 1M tokens.",
        ),
        click.option(
            "--max-price-out",
            type=click.FloatRange(min=0),
            metavar="USD",
            help="At most this output price per 1M tokens.",
        ),
        click.option(
            "--tokens",
            metavar="IN:OUT[:CACHED]",
            help="Cost each request at this token mix (cached tokens are part of IN).",
        ),
        click.option(
            "--budget",
            type=click.FloatRange(min=0),
            metavar="USD",
            help="At most this estimated cost per request (needs --tokens).",
        ),
        click.option(
            "--min-confidence",
            type=click.Choice(("high", "medium", "low")),
            help="Every deciding fact at least this sure.",
        ),
        click.option(
            "--reviewed-within",
            type=click.IntRange(min=0),
            metavar="DAYS",
            help="Model reviewed (and price checked) within DAYS.",
        ),
        click.option(
            "--not-retiring-within", type=click.IntRange(min=0), metavar="DAYS", help="Not retiring within DAYS."
        ),
        click.option(
            "--as-of", metavar="YYYY-MM-DD", help="Prices and lifecycle as they stood that day (from price history)."
        ),
        click.option(
            "--sort",
            type=click.Choice(("cost", "context", "output", "released", "confidence")),
            help="Rank by (default: cost with --tokens, else context).",
        ),
        click.option(
            "--unknown",
            type=click.Choice(("separate", "exclude", "include")),
            default="separate",
            show_default=True,
            help="Candidates whose deciding fact is null: listed apart, left out, or ranked last.",
        ),
        click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most N results."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@cli.command()
@_selection_options
@click.option(
    "--export",
    "export_path",
    metavar="PATH",
    help="The export to read (default: export/v2/catalogue.json here or above).",
)
@click.option(
    "--format", "output_format", type=click.Choice(("text", "json", "litellm")), default="text", show_default=True
)
@click.option("--group", default="select", show_default=True, help="The LiteLLM model group name (--format litellm).")
@click.option("--explain", is_flag=True, help="Also count the excluded candidates by reason.")
@click.option("--today", metavar="YYYY-MM-DD", help="The day ages and retirements count from (default: today, UTC).")
def select(
    export_path: str | None, output_format: str, group: str, explain: bool, today: str | None, **filters: Any
) -> None:
    """Choose models for one role from the export alone (never the YAML).

    Only available models and offerings; a candidate whose deciding fact is null is listed apart,
    never guessed. Exit 0 when something matched, 1 when nothing did, 2 on a usage error.

    \b
    Examples:
      catalogue select --class reasoning --needs tools --min-context 200000 --tokens 30000:4000
      catalogue select --class chat --needs tools --max-price-out 2 --format json
      catalogue select --open-weights --max-params 4B --min-context 32000 --license permissive
    """
    from llm_class_catalogue.commands.select import run_select

    for name in ("classes", "needs", "output_modalities", "license", "host"):
        filters[name] = _list(filters[name]) or None
    filters["criteria"] = [_criterion(text) for text in filters["criteria"]] or None
    filters["open_weights"] = filters["open_weights"] or None
    filters["today"] = _today(today)
    _finish(_query_error(lambda: run_select(export_path, filters, output_format, explain, group)))


def _criterion(text: str) -> Any:
    import json

    try:
        return json.loads(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not JSON", param_hint="--where") from None


@cli.command()
@click.argument("recipe")
@click.option("--root", metavar="DIR", help="The catalogue folder (default: the nearest catalogue/ above here).")
@click.option("--export", "export_path", metavar="PATH", help="The export to read (default: export/v2/catalogue.json).")
@click.option(
    "--format", "output_format", type=click.Choice(("text", "json", "litellm")), default="text", show_default=True
)
@click.option("--explain", is_flag=True, help="Also count each role's excluded candidates by reason.")
def plan(recipe: str, root: str | None, export_path: str | None, output_format: str, explain: bool) -> None:
    """Fill every role of a recipe (catalogue/recipes/<RECIPE>.yaml, or a path) from the export.

    \b
    Examples:
      catalogue plan agentic-workflow
      catalogue plan rag --format litellm > router.yaml
    """
    from llm_class_catalogue.commands.plan import run_plan
    from llm_class_catalogue.loading.workspace import find_workspace

    base = find_workspace(root).base
    export = export_path or str(base / "export/v2/catalogue.json")
    _finish(_query_error(lambda: run_plan(recipe, base, export, output_format, explain)))


@cli.command("check-config")
@click.argument("config", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--export", "export_path", metavar="PATH", help="The export to check against (default: export/v2/catalogue.json)."
)
@click.option("--format", "output_format", type=click.Choice(tuple(REPORTERS)), default="text", show_default=True)
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=90,
    show_default=True,
    metavar="DAYS",
    help="Warn of retirements this close (K004).",
)
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--today", metavar="YYYY-MM-DD", help="The day retirements count from (default: today, UTC).")
def check_config(
    config: str, export_path: str | None, output_format: str, within: int, strict: bool, today: str | None
) -> None:
    """Lint a router's configuration against the catalogue: a LiteLLM config.yaml (its model_list), a
    YAML list of model ids, or a text file of one id a line.

    Reports unknown ids (with did-you-mean), unverified, retired and retiring models, a max_tokens above
    the output limit and a context claim above the model's, each at its line, as `lint` does.

    \b
    Examples:
      catalogue check-config litellm/config.yaml
      catalogue check-config config.yaml --format github --within 30
    """
    from llm_class_catalogue.commands.check_config import run_check_config

    _finish(run_check_config(config, export_path, output_format, _today(today), within, strict))


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; anything unforeseen still exits 2 with one line, never a traceback. A SIGTERM or
    SIGHUP ends the run as Ctrl-C does, through every cleanup (worker processes stopped, temporary
    files removed), with the exit code a shell gives a signal."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    try:
        cli.main(args=argv, prog_name="catalogue")
    except Exception as error:  # the last resort
        click.echo(f"catalogue: internal error: {type(error).__name__}: {error}; please report this as a bug", err=True)
        sys.exit(2)
