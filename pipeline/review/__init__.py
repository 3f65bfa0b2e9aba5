"""The review page: a queue of facts with their sentences, verdicts, the article view and the summary."""
