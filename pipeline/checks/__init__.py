"""Consistency checks over the facts of each article, and republication fidelity."""
