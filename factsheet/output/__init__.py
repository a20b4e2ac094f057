"""Output: staged, crash-safe writes of the generated pages, the build cache and the lock."""
