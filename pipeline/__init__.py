"""newsfacts: scrape news reports, extract their figures, store them in DuckDB."""
__version__ = "0.1.0"
