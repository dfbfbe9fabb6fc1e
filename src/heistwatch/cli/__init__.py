"""Command line: one module per command group, registered in :mod:`heistwatch.cli.main`."""
