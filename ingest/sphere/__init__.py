"""Sphere: foreign-influence knowledge graphs from ru/uk/en news."""

__version__ = "0.1.0"
