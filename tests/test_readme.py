"""Every `sphere ...` example command of the README answers with rows on the seeds, as a newcomer runs them."""
import json
import re
import shlex

from sphere.cli import cli

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_examples() -> list[list[str]]:
    """The `sphere` command lines inside the README's code blocks, comments cut, as argument lists."""
    examples = []
    for block in re.findall(r"^```\n(.*?)^```", README, re.S | re.M):
        for line in block.splitlines():
            if line.startswith("sphere "):
                examples.append(shlex.split(line, comments=True)[1:])
    return examples


def _as_json(args: list[str]) -> list[str]:
    """A query or cypher command asked for JSON (one row a line), so its rows can be counted."""
    if "--format" in args:
        at = args.index("--format")
        args = args[:at] + args[at + 2:]
    return args + ["--format", "json"]


def test_the_readme_has_query_examples():
    commands = [args[0] for args in readme_examples()]
    assert commands.count("query") >= 2 and "analyze" in commands


def test_every_readme_example_answers_with_rows_on_the_seeds(seeded_runner):
    for args in readme_examples():
        if args[0] in ("query", "cypher"):
            result = seeded_runner.invoke(cli, _as_json(args))
            assert result.exit_code == 0, (args, result.output)
            rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
            assert rows, f"no rows on the seeds: sphere {shlex.join(args)}"
        else:
            result = seeded_runner.invoke(cli, args)
            assert result.exit_code == 0, (args, result.output)
            assert result.output.strip(), args
