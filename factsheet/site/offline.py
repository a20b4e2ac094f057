"""The offline copy of the site, offered as a download.

`python -m factsheet.site.offline SITE [--root DIR]` builds the site a second time with Material's
offline plugin (FACTSHEET_OFFLINE=true in mkdocs.yml: relative links to index.html files,
search without a server) into a temporary folder, and zips it into
SITE/downloads/factsheet-offline.zip. The zip is deterministic: entries sorted, every
timestamp fixed, fixed permissions, so two builds of the same pages give the same bytes.
Run it after `build.py` has written docs/ (as `make site` does).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

ZIP_NAME = "factsheet-offline.zip"
DOWNLOADS = "downloads"
TOP = "factsheet"  # the folder the zip unpacks into
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def write_zip(folder: Path, target: Path) -> None:
    """Zip FOLDER's files into TARGET under TOP/, sorted, with fixed times and modes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    files = sorted((p.relative_to(folder).as_posix(), p) for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in files:
            info = zipfile.ZipInfo(f"{TOP}/{name}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the machine
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def build_offline(root: Path, site: Path) -> Path:
    """Build ROOT's site with the offline plugin and zip it into SITE/downloads/."""
    env = {**os.environ, "FACTSHEET_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory(prefix="factsheet-offline-") as tmp:
        out = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
            cwd=root, env=env, check=True,
        )
        target = site / DOWNLOADS / ZIP_NAME
        write_zip(out, target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factsheet.site.offline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built site folder to add the zip to")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the project folder (with mkdocs.yml); default: here")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    site = args.site if args.site.is_absolute() else Path.cwd() / args.site
    try:
        target = build_offline(root, site.resolve())
    except subprocess.CalledProcessError as error:  # mkdocs has printed why
        print(f"the offline build failed (mkdocs exit {error.returncode})", file=sys.stderr)
        return 1
    except OSError as error:  # no project at --root, or the zip cannot be written
        print(f"the offline build failed: {error}", file=sys.stderr)
        return 1
    print(f"offline copy: {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
