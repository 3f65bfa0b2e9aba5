"""The warehouse and the files beside it: schema migrations, the read replica, the run lock, the verdicts."""
