"""The ``heistwatch`` console script.

Each command group lives in its own module with a ``register(app)`` function, so the stages
(documents, extract, resolve, serve) stay apart and the entry point only wires them.
"""

from __future__ import annotations

import typer

from heistwatch.cli import docs, extract, ingest, ledger, prices, serve

app = typer.Typer(
    name="heistwatch",
    help="Crypto-heist intelligence: ingest reports, extract sourced claims, resolve them into a ledger.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (ingest, docs, extract, ledger, prices, serve):
    module.register(app)


if __name__ == "__main__":  # pragma: no cover
    app()
