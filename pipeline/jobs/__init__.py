"""The jobs that drive the stages: the nightly run, ingest, re-extraction, reconciliation, the demo."""
