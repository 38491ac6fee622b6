"""Benchmarks and workload generators (run as ``python bench/NAME.py``; importable for tests)."""
