"""The `sphere` command line: a thin layer over the Python API.

Start-up is kept short: this module imports click and nothing heavy; each command imports what it
uses (the extractor, trafilatura, rich, the store drivers, networkx) inside its own body, so that
`sphere --help` or `sphere stats` never load the language models' libraries.
"""
from __future__ import annotations

import csv
import json
import logging
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import SphereError
from .workers import available_cores

if TYPE_CHECKING:
    from rich.console import Console

    from .read.sources import Problem
    from .store.base import GraphStore, QueryResult

FORMATS = ["table", "json", "csv"]
DEBUG_ENV = "SPHERE_DEBUG"

log = logging.getLogger("sphere")
# Problems are printed by the CLI and logged for --log; without a log handler Python's last-resort
# handler would print every error a second time.
log.addHandler(logging.NullHandler())


@cache
def _err() -> Console:
    """The console for progress, problems and summaries (stderr), made on first use."""
    from rich.console import Console
    return Console(stderr=True)


def _console() -> Console:
    from rich.console import Console
    return Console()


def open_store(shared: bool = False) -> GraphStore:
    """The configured store (sphere.store.open_store), its driver imported only by the commands that need it."""
    from .store import open_store as _open_store
    return _open_store(shared=shared)


def _wrapping_table(*columns: str, **options):
    from .output import wrapping_table
    return wrapping_table(*columns, **options)


def _print_problem(problem: Problem) -> None:
    click.echo(problem.line(), err=True)


def _split_param(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise click.BadParameter(f"{text!r} is not k=v", param_hint="--param")
    key, value = text.split("=", 1)
    return key.strip(), value


def _parse_param(text: str) -> tuple[str, object]:
    key, value = _split_param(text)
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def _cell(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _print_result(result: QueryResult, fmt: str) -> None:
    if fmt == "json":
        for row in result.dicts():
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([["" if v is None else _cell(v) for v in row] for row in result.rows])
    else:
        table = _wrapping_table(*result.columns)
        for row in result.rows:
            table.add_row(*(_cell(v) for v in row))
        _console().print(table)


class SphereGroup(click.Group):
    """Turns the project's own errors into one line ("Error: ...") and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SphereError as exc:
            log.error(str(exc))
            raise click.ClickException(str(exc)) from exc


def _writable_file(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An output path whose folder exists and can be written, checked before any work is done."""
    if value is None:
        return value
    path = Path(value)
    option = f"{param.opts[0]} " if param.param_type_name == "option" else ""
    folder = path.parent
    if not folder.is_dir():
        raise click.ClickException(f"{option}{value}: the folder {folder} does not exist; create it or choose "
                                   "another path")
    if path.is_dir():
        raise click.ClickException(f"{option}{value} is a folder; give a file name")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise click.ClickException(f"{option}{value}: cannot write there (permission denied); choose another path")
    return value


@click.group(cls=SphereGroup)
@click.version_option(package_name="sphere-influence")
def cli() -> None:
    """Sphere: who influences whom, from ru/uk/en news, in Neo4j and Gephi.

    The store is Neo4j when NEO4J_URI is set (NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE),
    else the embedded store in SPHERE_DATA (default ./sphere-data).
    """


def _workers_options(command):
    command = click.option("--dask", metavar="tcp://HOST:PORT", help="Run extraction on this Dask cluster.")(command)
    command = click.option("--workers", type=click.IntRange(min=1), default=None,
                           show_default=f"one per core: {available_cores()}",
                           help="Extraction processes (models load once per process). By default a run of "
                                "a few documents extracts in this process, a larger one on one process per core; "
                                "--workers 1 is always one process.")(command)
    command = click.option("--log", "log_file", callback=_writable_file,
                           help="Append every problem and run summary to this file.")(command)
    return command


def _start_log(log_file: str | None) -> None:
    if log_file:
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logging.getLogger("sphere").addHandler(handler)
        logging.getLogger("sphere").setLevel(logging.INFO)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--gexf", callback=_writable_file, help="Also write the influence network for Gephi.")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary of the network.")
@_workers_options
def ingest_command(paths: tuple[str, ...], gexf: str | None, quiet: bool, workers: int | None, dask: str | None,
                   log_file: str | None) -> None:
    """Extract events from files or folders (.txt, .md, .html, .jsonl) and write them to the graph.

    Example: sphere ingest seeds/ --gexf sphere.gexf
    """
    from .jobs import run_ingest, summary_table
    from .store.base import StoreUnavailable
    _start_log(log_file)
    err = _err()
    try:
        report = run_ingest(paths, workers=workers, dask=dask, console=err, progress=not quiet and err.is_terminal)
    except StoreUnavailable as exc:
        raise click.ClickException(f"{exc}; gave up, nothing more was marked ingested") from exc
    click.echo(f"read {report.read} documents: {report.ingested} ingested, {report.skipped} skipped, "
               f"{report.events} events, {report.failed} failed in {report.seconds:.1f} s "
               f"(extraction: {report.extracted_on})", err=True)
    if report.problems or report.skipped:
        err.print(summary_table(report))
    with open_store() as store:
        if not quiet:
            from .report import summary
            summary(store, _console())
        if gexf:
            from .export.gephi import export_network
            nodes, edges = export_network(store, gexf)
            click.echo(f"wrote {gexf}: {nodes} nodes, {edges} edges", err=True)
    sys.exit(1 if report.failed else 0)


@cli.command("watch")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--every", default="15m", show_default=True, help="How often to look for new documents (30s, 15m, 1h).")
@click.option("--once", is_flag=True, help="One run, then exit (for cron).")
@_workers_options
def watch_command(folder: str, every: str, once: bool, workers: int | None, dask: str | None,
                  log_file: str | None) -> None:
    """The scheduled ingest job: ingest every new or changed document under FOLDER, now and then
    every --every. A renamed or copied file (same text) is not ingested twice; an edited file (same path,
    new text) replaces its old version's events.

    Example: sphere watch /inbox --every 15m --log /inbox/sphere.log
    """
    from .jobs import parse_every, watch
    from .store.base import StoreUnavailable
    _start_log(log_file)
    try:
        seconds = parse_every(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"cannot create the watched folder {folder}: {exc.strerror or exc}") from exc
    try:
        report = watch(folder, seconds, once, workers=workers, dask=dask, console=_err())
    except StoreUnavailable as exc:
        raise click.ClickException(f"{exc}; gave up, nothing more was marked ingested") from exc
    sys.exit(1 if report and report.failed else 0)


@cli.command("fingerprint")
@click.option("--counts", is_flag=True, help="Also print how many rows of each kind were hashed.")
def fingerprint_command(counts: bool) -> None:
    """Print a hash of the graph's canonical content (ignoring internal ids and ingest times),
    so two graphs can be compared.

    Example: sphere fingerprint
    """
    from .fingerprint import fingerprint
    with open_store() as store:
        store.ensure_schema()
        digest, rows = fingerprint(store)
    click.echo(digest)
    if counts:
        click.echo(json.dumps(rows, indent=2))


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
def extract_command(paths: tuple[str, ...], fmt: str) -> None:
    """Print extracted events and entities as JSON Lines (SPEC section 4), writing nothing.

    Example: sphere extract seeds/ --format jsonl > events.jsonl
    """
    from .output import extraction_records
    from .pipeline import extract_paths
    failed = False

    def problem(p: Problem) -> None:
        nonlocal failed
        failed = failed or p.fatal
        _print_problem(p)

    for extraction in extract_paths(paths, problem):
        for record in extraction_records(extraction):
            click.echo(json.dumps(record, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats_command(as_json: bool) -> None:
    """Node counts by label and relationship counts by type.

    Example: sphere stats --json
    """
    with open_store() as store:
        store.ensure_schema()
        stats = store.stats()
    if as_json:
        click.echo(json.dumps(stats, indent=2, sort_keys=True))
        return
    table = _wrapping_table("kind", "name", "count")
    for kind, counts in stats.items():
        for name, count in counts.items():
            table.add_row(kind, name, str(count))
    _console().print(table)


@cli.command("cypher")
@click.argument("query")
@click.option("--param", "params", multiple=True, help="k=v (v read as JSON when it parses).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def cypher_command(query: str, params: tuple[str, ...], fmt: str) -> None:
    """Run ad-hoc Cypher on the configured store.

    Example: sphere cypher "MATCH (a:Actor) RETURN a.name AS name LIMIT 5"
    """
    with open_store() as store:
        store.ensure_schema()
        try:
            result = store.query(query, dict(_parse_param(p) for p in params))
        except Exception as exc:
            raise click.ClickException(f"query failed: {exc}") from exc
    _print_result(result, fmt)


@cli.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_modules", is_flag=True, help="List the query modules and their parameters.")
@click.option("--param", "params", multiple=True, help="k=v; lists as a,b,c or JSON.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--show", is_flag=True, help="Print the module's Cypher as Neo4j Browser runs it, not its answer.")
def query_command(name: str | None, list_modules: bool, params: tuple[str, ...], fmt: str, show: bool) -> None:
    """Run a query module from queries/ on the configured store.

    Example: sphere query ego-network --param actor="Khalifa Haftar" --param types=MEET,VISIT
    """
    from .query.modules import ModuleError, get_module, load_modules
    if list_modules or not name:
        _list_modules(load_modules().values())
        return
    try:
        module = get_module(name)
        if show:
            click.echo(module.path.read_text(encoding="utf-8"))
            return
        given = dict(_split_param(p) for p in params)
        module.bind(given)                       # types, dates and event types checked before the store
    except ModuleError as exc:
        raise click.ClickException(str(exc)) from exc
    from .write.projection import projection_warning
    with open_store() as store:
        store.ensure_schema()
        if warning := projection_warning(store):
            click.echo(f"warning: {warning}", err=True)
        bound = module.bind_to(store, given)
        try:
            result = store.run_module(module.body, bound)
        except Exception as exc:
            raise click.ClickException(f"{name} failed: {exc}") from exc
    _print_result(result, fmt)


def _list_modules(modules) -> None:
    table = _wrapping_table("module", "question", "parameters (defaults)", show_lines=True)
    for module in modules:
        params = "\n".join(f"{p.name}: {p.type} = {json.dumps(p.default, ensure_ascii=False)}" for p in module.params)
        table.add_row(module.name, module.question, params)
    _console().print(table)


@cli.command("analyze")
def analyze_command() -> None:
    """Compute weighted degree, PageRank, betweenness and Louvain communities over the influence
    projection and write them onto Actor and Place nodes (for query modules, Browser and Gephi).

    Example: sphere analyze
    """
    from .query.centrality import analyze
    with open_store() as store:
        store.ensure_schema()
        report = analyze(store)
    sampled = " (betweenness sampled)" if report.sampled else ""
    click.echo(f"scored {report.nodes} nodes over {report.edges} relationships: "
               f"{report.communities} communities{sampled}", err=True)


@cli.command("overrides")
@click.argument("file", type=click.Path(dir_okay=False))
def overrides_command(file: str) -> None:
    """Merge, split or rename actors and places by hand (a YAML file), rewriting events, mentions,
    aliases and the projection without re-extracting. Set SPHERE_OVERRIDES=FILE so that ingest
    applies the same corrections to new documents.

    Example: sphere overrides overrides.yaml
    """
    from .resolve.overrides import OverridesError, apply_overrides, load_overrides
    try:
        overrides = load_overrides(file)
    except OverridesError as exc:
        raise click.ClickException(str(exc)) from exc
    with open_store() as store:
        store.ensure_schema()
        report = apply_overrides(store, overrides)
    click.echo(f"merged {report.merged} node(s), moved {report.split_events} event(s) in splits, "
               f"renamed {report.renamed} node(s)", err=True)


@cli.group("export")
def export_group() -> None:
    """Export the influence network."""


@export_group.command("gephi")
@click.argument("out", callback=_writable_file)
@click.option("--format", "fmt", type=click.Choice(["gexf", "graphml", "csv"]), default="gexf", show_default=True,
              help="csv writes OUT.nodes.csv and OUT.edges.csv for Gephi's spreadsheet import.")
@click.option("--since", help="Only events on or after this ISO date.")
@click.option("--until", help="Only events on or before this ISO date.")
@click.option("--actor", help="Only the ego network of this actor (name, alias or id).")
@click.option("--radius", type=click.IntRange(min=1), default=1, show_default=True, help="Hops around --actor.")
@click.option("--types", help="Event types, comma-separated (MEET,VISIT).")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True, help="Least events per edge.")
@click.option("--kinds", help="Node kinds, comma-separated (PERSON,COUNTRY,PLACE...).")
def export_gephi(out: str, fmt: str, since: str | None, until: str | None, actor: str | None, radius: int,
                 types: str | None, min_weight: int, kinds: str | None) -> None:
    """Write the influence network for Gephi: a dynamic GEXF whose timeline plays the events' days.

    Example: sphere export gephi haftar.gexf --actor "Khalifa Haftar" --radius 2 --since 2019-01-01
    """
    from .export.gephi import csv_paths, export_network
    from .export.network import ExportError, ExportFilter
    flt = ExportFilter(since=since, until=until, actor=actor, radius=radius, types=_split_list(types, upper=True),
                       min_weight=min_weight, kinds=_split_list(kinds, upper=True))
    with open_store() as store:
        store.ensure_schema()
        try:
            nodes, edges = export_network(store, out, fmt, flt)
        except ExportError as exc:
            raise click.ClickException(str(exc)) from exc
    written = " and ".join(str(p) for p in csv_paths(Path(out))) if fmt == "csv" else out
    click.echo(f"wrote {written} ({fmt}): {nodes} nodes, {edges} edges", err=True)


def _split_list(text: str | None, upper: bool = False) -> tuple[str, ...]:
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    return tuple(p.upper() if upper else p for p in parts)


def main() -> None:
    """The `sphere` entry point: the project's errors are one line (SphereGroup); anything else is
    one line too, with the traceback in the --log file, or on screen when SPHERE_DEBUG is set."""
    logging.getLogger("neo4j").addHandler(logging.NullHandler())    # no driver retry chatter on stderr
    logging.getLogger("neo4j").propagate = False
    try:
        cli()
    except Exception as exc:  # the last line of defence: a bug, not the user's mistake
        if os.environ.get(DEBUG_ENV):
            raise
        log.error("unexpected error", exc_info=True)
        click.echo(f"Error: unexpected {type(exc).__name__}: {' '.join(str(exc).split())[:300]} "
                   f"(a bug in sphere; set {DEBUG_ENV}=1 for the traceback)", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
