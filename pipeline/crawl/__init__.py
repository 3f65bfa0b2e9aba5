"""Crawling: fetch pages politely, find article URLs, decode bytes, keep the raw pages."""
