"""Benchmarks: synthetic fact bases and timings against naive baselines."""
