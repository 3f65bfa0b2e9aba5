"""Stored raw pages. `snapshot/` ships with the package (as `newsfacts_corpus`) so the demo runs offline."""
