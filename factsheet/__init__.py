"""Factsheet: a static fact-sheet site generator for who said what."""
