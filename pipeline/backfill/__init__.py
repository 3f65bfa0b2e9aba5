"""Backfills from web archives: WARC records -> parse -> extract -> Parquet staging -> one publish.

    stage:   pipeline.backfill.warc (records) -> pages (parse + extract, a pure function of a page)
             -> an engine (local process pool, or Ray Data) -> staging Parquet + manifest (layout)
    publish: one committer loads a staged run into the warehouse in one transaction (publish)

The nightly run stays the default path; a backfill shares its parse and extract code and its
content-hash ids, so a retried task writes the same rows and a publish can be re-run.
"""
