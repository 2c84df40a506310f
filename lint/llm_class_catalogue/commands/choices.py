"""The names `catalogue export` offers as choices (its formats and major versions), apart from the code
that writes them, so the CLI can list them without importing the exporters: a warm `lint` then imports
neither the exporters nor PyYAML. tests/test_cli.py keeps them equal to the registries in publish.py."""

EXPORT_FORMATS = ("json", "jsonl")
EXPORT_MAJORS = ("1", "2")
