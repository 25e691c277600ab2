"""Where the project's data files live (schema/, queries/), found from the installed package."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(os.environ.get("SPHERE_HOME", Path(__file__).resolve().parents[2]))
SCHEMA_DIR = REPO_ROOT / "schema"
LEXICON_DIR = SCHEMA_DIR / "lexicons"
GAZETTEER_DIR = SCHEMA_DIR / "gazetteer"
QUERIES_DIR = REPO_ROOT / "queries"
