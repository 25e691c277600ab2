"""Extraction: mentions of actors and places, then events between them, per document."""
