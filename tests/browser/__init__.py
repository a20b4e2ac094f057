"""Checks of the built site in a real browser (a package, so that its conftest does not
shadow tests/conftest.py under the module name `conftest`)."""
