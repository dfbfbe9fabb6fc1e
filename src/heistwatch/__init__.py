"""heistwatch: crypto-heist intelligence from prose reports to a sourced incident ledger."""

__version__ = "0.1.0"
