"""Site: the steps after MkDocs (site checks, offline copy, publishing) and its identity."""
