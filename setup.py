"""Ships the JSON Schemas with the package.

The schemas are kept in schemas/ at the top of the repository, where editors' VS Code
settings and the records' first lines point; a wheel has no such folder, so the build
copies them into factsheet/schemas/ inside it (factsheet/config.py looks there first).
Everything else about the package is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithSchemas(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib, "factsheet", "schemas")
        self.mkpath(str(target))
        for schema in sorted(Path("schemas").glob("*.schema.json")):
            self.copy_file(str(schema), str(target / schema.name))


setup(cmdclass={"build_py": BuildWithSchemas})
