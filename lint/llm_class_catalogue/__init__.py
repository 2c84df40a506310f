"""The LLM class catalogue's tooling: loader, rules, reporters and CLI."""

__version__ = "0.1.0"
