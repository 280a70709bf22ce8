"""Benchmarks: `uv run python -m bench.run` (see BENCHMARKS.md)."""
