"""The `sphere` command line: a thin layer over the Python API."""
from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.table import Table

from .output import extraction_records
from .pipeline import extract_paths, ingest
from .read.sources import Problem
from .store import open_store

err = Console(stderr=True)


def _print_problem(problem: Problem) -> None:
    click.echo(problem.line(), err=True)


def _parse_param(text: str) -> tuple[str, object]:
    if "=" not in text:
        raise click.BadParameter(f"{text!r} is not k=v", param_hint="--param")
    key, value = text.split("=", 1)
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


@click.group()
@click.version_option(package_name="sphere-influence")
def cli() -> None:
    """Sphere: who influences whom, from ru/uk/en news, in Neo4j and Gephi.

    The store is Neo4j when NEO4J_URI is set (NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE),
    else the embedded store in SPHERE_DATA (default ./sphere-data).
    """


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--gexf", type=click.Path(dir_okay=False), help="Also write the influence network for Gephi.")
@click.option("--quiet", is_flag=True, help="No summary.")
def ingest_command(paths: tuple[str, ...], gexf: str | None, quiet: bool) -> None:
    """Extract events from files or folders (.txt, .md, .jsonl) and write them to the graph.

    Example: sphere ingest seeds/ --gexf sphere.gexf
    """
    with open_store() as store:
        report = ingest(paths, store, on_problem=_print_problem)
        click.echo(f"read {report.read} documents: {report.ingested} ingested, {report.skipped} already in the graph, "
                   f"{report.events} events, {report.failed} failed", err=True)
        if not quiet:
            from .report import summary
            summary(store, Console())
        if gexf:
            from .export.gephi import write_gexf
            nodes, edges = write_gexf(store, gexf)
            click.echo(f"wrote {gexf}: {nodes} nodes, {edges} edges", err=True)
    sys.exit(1 if report.failed else 0)


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
def extract_command(paths: tuple[str, ...], fmt: str) -> None:
    """Print extracted events and entities as JSON Lines (SPEC section 4), writing nothing.

    Example: sphere extract seeds/ --format jsonl > events.jsonl
    """
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
    table = Table("kind", "name", "count")
    for kind, counts in stats.items():
        for name, count in counts.items():
            table.add_row(kind, name, str(count))
    Console().print(table)


@cli.command("cypher")
@click.argument("query")
@click.option("--param", "params", multiple=True, help="k=v (v read as JSON when it parses).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
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
    if fmt == "json":
        for row in result.dicts():
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    table = Table(*result.columns)
    for row in result.rows:
        table.add_row(*(json.dumps(v, ensure_ascii=False, default=str) if not isinstance(v, str) else v for v in row))
    Console().print(table)


@cli.group("export")
def export_group() -> None:
    """Export the influence network."""


@export_group.command("gephi")
@click.argument("out", type=click.Path(dir_okay=False))
def export_gephi(out: str) -> None:
    """Write the influence projection as GEXF for Gephi.

    Example: sphere export gephi sphere.gexf
    """
    from .export.gephi import write_gexf
    with open_store() as store:
        store.ensure_schema()
        nodes, edges = write_gexf(store, out)
    click.echo(f"wrote {out}: {nodes} nodes, {edges} edges", err=True)


def main() -> None:
    cli()
