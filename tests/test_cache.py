"""The gazetteer's disk cache: built once, rebuilt when an input changes, never trusted when unreadable."""
from sphere.resolve.cache import cached


def _build_counter():
    calls = []

    def build():
        calls.append(1)
        return {"built": len(calls)}
    return build, calls


def test_second_process_loads_instead_of_building(tmp_path, monkeypatch):
    monkeypatch.setenv("SPHERE_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "places.yaml"
    source.write_text("a: 1\n")
    build, calls = _build_counter()
    first = cached("data", build, inputs=[source], code=("resolve/cache.py",), packages=("pyyaml",))
    second = cached("data", build, inputs=[source], code=("resolve/cache.py",), packages=("pyyaml",))
    assert first == second == {"built": 1} and len(calls) == 1


def test_an_edited_input_is_built_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("SPHERE_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "places.yaml"
    source.write_text("a: 1\n")
    build, calls = _build_counter()
    cached("data", build, inputs=[source], code=(), packages=())
    source.write_text("a: 2\n")
    assert cached("data", build, inputs=[source], code=(), packages=()) == {"built": 2}


def test_a_corrupt_cache_file_is_rebuilt_and_an_unwritable_cache_is_no_error(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("SPHERE_CACHE", str(cache))
    source = tmp_path / "places.yaml"
    source.write_text("a: 1\n")
    build, calls = _build_counter()
    cached("data", build, inputs=[source], code=(), packages=())
    for path in cache.iterdir():
        path.write_bytes(b"not a pickle")
    assert cached("data", build, inputs=[source], code=(), packages=()) == {"built": 2}
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("SPHERE_CACHE", str(blocker / "cache"))     # a folder under a file cannot be made
    assert cached("data", build, inputs=[source], code=(), packages=()) == {"built": 3}
