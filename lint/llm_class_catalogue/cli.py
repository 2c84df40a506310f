"""The `catalogue` command. The only module that imports click, prints or exits."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from typing import Any

import click

from llm_class_catalogue import __version__
from llm_class_catalogue.commands.publish import EXPORT_VERSIONS, EXPORT_WRITERS
from llm_class_catalogue.commands.scaffold import BODIES
from llm_class_catalogue.model.diagnostics import ToolError
from llm_class_catalogue.outputs.reporters import REPORTERS


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
    type=click.Choice(tuple(EXPORT_WRITERS)),
    default="json",
    show_default=True,
    help="json: one document (and model-ids.schema.json beside it); jsonl: one entity per line.",
)
@click.option(
    "--major",
    type=click.Choice(tuple(EXPORT_VERSIONS)),
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
@click.option("--check", is_flag=True, help="Exit 1 if the export or the page on disk is out of date.")
@click.option("--today", metavar="YYYY-MM-DD", help="The date lint counts from.")
def publish(root: str | None, check: bool, today: str | None) -> None:
    """Export and render in one go (what to run after editing entries).

    \b
    Examples:
      catalogue publish
      catalogue publish --check
    """
    from llm_class_catalogue.commands.publish import run_publish

    _finish(run_publish(root, check, _today(today)))


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
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule: code, name, default severity and what it checks.

    \b
    Example:
      catalogue rules --format json
    """
    from llm_class_catalogue.commands.rules import rules_table

    click.echo(rules_table(output_format), nl=False)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; anything unforeseen still exits 2 with one line, never a traceback."""
    try:
        cli.main(args=argv, prog_name="catalogue")
    except Exception as error:  # the last resort
        click.echo(f"catalogue: internal error: {type(error).__name__}: {error}; please report this as a bug", err=True)
        sys.exit(2)
