"""The project's own errors: each carries one line for the user, naming the file or setting at fault
and what to do. The CLI prints that line (never a traceback) and exits with status 1."""
from __future__ import annotations


class SphereError(Exception):
    """An error the user can fix; str(error) is the one line the CLI prints."""
