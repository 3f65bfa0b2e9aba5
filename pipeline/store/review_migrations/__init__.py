"""Migrations of reviews.duckdb (see pipeline.store.migrate). 001-003 are the schema as it grew before
reviews.duckdb had migrations, written so that on a file of that time (tables, no schema_migrations)
they change nothing but the comments: such a file is adopted by applying them."""
