"""The CLI's consoles print at a fixed, wide width in these tests, whatever $COLUMNS the test
runner's process has (pytest-xdist workers get COLUMNS=80), so assertions see whole cells."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    from heistwatch.cli.common import console, err_console

    before = console.width, err_console.width
    console.width = err_console.width = 200
    yield
    console.width, err_console.width = before
