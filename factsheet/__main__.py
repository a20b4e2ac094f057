"""`python -m factsheet ...`: the same commands as `python build.py` and `factsheet`."""

from .cli import run

run(prog="python -m factsheet")
