"""Writing: Extractions become graph rows; the store writes them; the influence projection is rebuilt."""
