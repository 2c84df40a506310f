"""`python -m llm_class_catalogue` runs the same CLI as the `catalogue` command."""

from llm_class_catalogue.cli import main

main()
