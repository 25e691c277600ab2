"""Exports of the influence projection (Gephi)."""
