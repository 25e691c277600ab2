"""A disk cache for data that is slow to build and changes only with its inputs (the gazetteer).

The key is a hash of the input files, of the code that builds the data, and of the versions of the packages
it reads, so any change to any of them builds afresh. The cache lives in $SPHERE_CACHE (default
~/.cache/sphere); if it cannot be read or written the data is simply built in the process.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parents[1]


def cache_dir() -> Path:
    return Path(os.environ.get("SPHERE_CACHE") or Path.home() / ".cache" / "sphere")


def cache_key(inputs: Iterable[Path], code: Iterable[str], packages: Iterable[str]) -> str:
    """`code`: module paths relative to the sphere package ("resolve/gazetteer.py")."""
    digest = hashlib.sha256(f"python {sys.version_info[:2]} pickle {pickle.HIGHEST_PROTOCOL}".encode())
    for path in [*inputs, *(PACKAGE / name for name in code)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in packages:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    return digest.hexdigest()[:24]


def cached(name: str, build: Callable[[], T], inputs: Iterable[Path], code: Iterable[str],
           packages: Iterable[str]) -> T:
    """The data from the cache when its inputs are unchanged, else built and stored for the next process."""
    path = cache_dir() / f"{name}-{cache_key(inputs, code, packages)}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    data = build()
    _store(path, data)
    return data


def _store(path: Path, data) -> None:
    """Written to a temporary file and renamed, so a concurrent reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
    except OSError:
        pass
