"""Developer tools that are not part of the factsheet package (run with `python -m tools.X`)."""
