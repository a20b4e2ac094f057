"""Load: read record files strictly, check their characters and shape, cache the parses."""
