"""The benchmark and its synthetic corpus: tools for developers, not part of the product."""
