"""Benchmarks: `python -m bench` prints throughput, memory and latency figures."""
