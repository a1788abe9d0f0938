# SPDX-License-Identifier: Apache-2.0
"""Issue 18's Python speed goal: chipgap.classify over every catalog chip x 60 monthly dates x 5
destinations in under 1 s. Run with `make bench-python` (PYTHONPATH=build/python:python)."""
import time

import pandas as pd

import chipgap

engine = chipgap.open()
names = list(engine.chips().index)
dates = [d.strftime("%Y-%m-%d") for d in pd.date_range("2022-01-01", periods=60, freq="MS")]
destinations = ["CN", "MY", "AE", "IN", "US"]
best = float("inf")
for _ in range(5):
    start = time.perf_counter()
    frame = engine.classify(names, dates, destinations)
    best = min(best, time.perf_counter() - start)
print(f"{len(frame):,} verdicts ({len(names)} chips x {len(dates)} dates x {len(destinations)} destinations) "
      f"in {best:.3f} s (best of 5)")
