"""What a command loads, how many extraction processes a run uses, and one BLAS thread per process.

Each check runs `sphere` in a fresh Python process and reads its sys.modules afterwards: a module a
command does not need must not be imported, so the command starts fast.
"""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from sphere.workers import POOL_FROM_DOCUMENTS, available_cores
from test_ingest_job import cli_env, small_corpus, sphere

EXTRACTOR = ["spacy", "natasha", "pymorphy3", "trafilatura", "sphere.extract.document", "sphere.analyse.en",
             "sphere.resolve.gazetteer"]
ANALYSIS = ["networkx", "networkit", "sphere.export.network"]
DRIVERS = ["ladybug", "neo4j"]


def modules_after(data, *args, env_extra=None) -> set[str]:
    """The modules a fresh process holds after running `sphere ARGS` (exit status must be 0)."""
    script = textwrap.dedent(f"""
        import json, sys
        from sphere.cli import cli
        try:
            cli({list(args)!r})
        except SystemExit as exit:
            assert not exit.code, exit.code
        print(json.dumps(sorted(sys.modules)))
    """)
    done = subprocess.run([sys.executable, "-c", script], env=cli_env(data, env_extra), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_loads_no_extractor_no_store_driver_and_no_networkx(tmp_path):
    loaded = modules_after(tmp_path / "data", "--help")
    assert "click" in loaded
    assert not loaded & {*EXTRACTOR, *ANALYSIS, *DRIVERS, "rich", "sphere.pipeline", "sphere.jobs"}
    assert not modules_after(tmp_path / "data", "ingest", "--help") & {*EXTRACTOR, *DRIVERS}


def test_stats_loads_the_embedded_store_but_no_extractor(tmp_path):
    loaded = modules_after(tmp_path / "data", "stats", "--json")
    assert "ladybug" in loaded
    assert not loaded & {*EXTRACTOR, *ANALYSIS, "neo4j"}


def test_english_extract_loads_neither_the_russian_models_nor_the_html_reader(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("date 2024-03-04\nSergey Lavrov met Recep Tayyip Erdogan in Ankara on Monday.\n",
                       encoding="utf-8")
    loaded = modules_after(tmp_path / "data", "extract", str(article))
    assert "sphere.analyse.en" in loaded
    assert not loaded & {"natasha", "sphere.analyse.ru", "sphere.analyse.uk", "trafilatura", "ladybug", "neo4j",
                         "networkx"}


def test_workers_default_is_one_per_core_and_shown_in_help(runner):
    from sphere.cli import cli
    for command in ("ingest", "watch"):
        result = runner.invoke(cli, [command, "--help"])
        assert f"[default: (one per core: {available_cores()})" in " ".join(result.output.split())


@pytest.mark.skipif(available_cores() < 2, reason="one core: the default is one process")
def test_a_default_ingest_runs_on_every_core_and_builds_the_serial_graph(tmp_path):
    inbox = small_corpus(tmp_path / "inbox", POOL_FROM_DOCUMENTS + 3)
    default = sphere(tmp_path / "default", "ingest", str(inbox), "--quiet")
    serial = sphere(tmp_path / "serial", "ingest", str(inbox), "--quiet", "--workers", "1")
    assert default.returncode == 0 and serial.returncode == 0, default.stderr
    assert f"(extraction: {available_cores()} worker processes)" in default.stderr
    assert "(extraction: this process)" in serial.stderr
    expected = sphere(tmp_path / "serial", "fingerprint").stdout
    assert len(expected.strip()) == 64 and sphere(tmp_path / "default", "fingerprint").stdout == expected


def test_a_default_ingest_of_a_few_documents_starts_no_pool(tmp_path):
    inbox = small_corpus(tmp_path / "inbox", 2)
    done = sphere(tmp_path / "data", "ingest", str(inbox), "--quiet")
    assert done.returncode == 0, done.stderr
    assert "(extraction: this process)" in done.stderr


def blas_threads(code: str, **env) -> set[int]:
    script = code + "\nimport json, threadpoolctl\nprint(json.dumps([i['num_threads'] for i in threadpoolctl.threadpool_info()]))"
    clean = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    done = subprocess.run([sys.executable, "-c", script], env={**clean, **env}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_one_blas_thread_whether_numpy_is_loaded_before_or_after_sphere():
    assert blas_threads("import sphere, numpy") == {1}
    assert blas_threads("import numpy, sphere") == {1}              # a host program, a Dask worker


def test_a_users_own_blas_setting_wins():
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: OpenBLAS runs one thread whatever is asked")
    assert blas_threads("import sphere, numpy", OPENBLAS_NUM_THREADS="2") == {2}


def _children(pid: int) -> set[int]:
    found = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as fh:
            found |= {int(child) for child in fh.read().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[-1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads worker processes from /proc")
def test_killing_an_ingest_leaves_no_worker_behind(tmp_path):
    inbox = small_corpus(tmp_path / "inbox", 60)
    run = subprocess.Popen([sys.executable, "-m", "sphere.cli", "ingest", str(inbox), "--quiet", "--workers", "2"],
                           env=cli_env(tmp_path / "data"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(workers := _children(run.pid)) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    assert len(workers) == 2
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [w for w in workers if _alive(w)]
