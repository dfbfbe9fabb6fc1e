"""Linear-time checks for the extractors on hostile input (no catastrophic backtracking).

CPU time (``time.process_time``), best of a few runs, so other processes on the machine do not count."""

from __future__ import annotations

import time
from collections.abc import Callable

RATIO = 3.5  # doubling the input may at most do this to the time (linear is about 2)


def best_time(fn: Callable[[str], object], text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        fn(text)
        best = min(best, time.process_time() - t0)
    return best


def assert_scales_linearly(fn: Callable[[str], object], make: Callable[[int], str], n: int, *,
                           max_n: int = 4_000_000, runs: int = 3) -> None:
    """``make(n)`` builds a hostile text of about n characters; n grows until the time of
    ``make(n)`` is above the clock's noise, then ``make(2 * n)`` may take at most RATIO times it."""
    small = best_time(fn, make(n), runs)
    while small < 0.02 and n < max_n:
        n *= 2
        small = best_time(fn, make(n), runs)
    big = best_time(fn, make(2 * n), runs)
    assert big <= RATIO * max(small, 1e-3), (n, small, big)


def assert_linear_against_half(fn: Callable[[str], object], text: str, floor: float = 0.1) -> None:
    """``text`` may take at most RATIO times its first half (or than ``floor`` seconds); quadratic
    code would take minutes on the inputs the tests give."""
    assert best_time(fn, text) < RATIO * max(best_time(fn, text[: len(text) // 2]), floor)
