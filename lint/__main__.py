"""`python -m lint` runs the same CLI as the `catalogue` command."""

from lint.cli import main

main()
