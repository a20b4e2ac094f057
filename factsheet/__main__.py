"""`python -m factsheet ...`: the same commands as `python build.py` and `factsheet`."""

from .cli import main

raise SystemExit(main(prog="python -m factsheet"))
