"""Check: the rules across records, the lints, the date rules and the quote locks."""
