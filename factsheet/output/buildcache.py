"""Skip a rebuild whose inputs and outputs are exactly as the last successful build left them.

After a successful `build`, a manifest records a digest of every input (the bytes and
names under facts/ and verification/, the schemas, the package's own code and templates,
the day that date checks compare with) and the state of every generated file in docs/
(kind, size, mtime, ctime, inode). The next build computes the same digest first: when
both match, the pages on disk are byte for byte what a build would write, so nothing is
done. Any difference, or a missing, unreadable or corrupt manifest, means a full build.
Hashing bytes (not trusting mtimes) for the inputs is what makes an edit impossible to miss.
The manifest is a cache, never a verdict: it also names this checkout's anchor (the parse
cache's, see parsecache), so a manifest committed to the repository, or brought along by a
copy or a clone, is never current there and the records are checked in full.
A failed or interrupted build leaves the manifest alone (a refused build changes nothing):
its inputs no longer match the digest, or the rolled-back outputs no longer match their
recorded state (a rename changes ctime), so it is never taken as current.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from ..config import (
    CACHE_DIR,
    DOCS_DIR,
    FACTS_DIR,
    GENERATED_DIRS,
    GENERATED_FILES,
    LOCK_DIR,
    PUBLISHED_FILE,
    SCHEMA_DIR,
    today,
)
from ..files import cache_folder
from ..load.cache import checkout_identity

__all__ = ["MANIFEST", "code_digest", "input_digest", "is_fresh", "record"]

MANIFEST = "manifest.json"
FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parent.parent

OutputState = dict[str, list[int]]


def _hash_tree(digest: Any, folder: Path, label: str, skip: str = "") -> None:
    """Every name below folder, with file bytes and link targets, in a fixed order.

    `skip` names folders left out (only the package's __pycache__: compiling must not
    count as a change; anything unexpected under facts/ must).
    """
    if not os.path.lexists(folder):
        digest.update(f"\0absent {label}\0".encode())
        return
    if folder.is_symlink() or not folder.is_dir():
        digest.update(f"\0odd {label}\0".encode())
        return
    def unreadable(error: OSError) -> None:  # a changed verdict: the build checks in full
        digest.update(f"\0unreadable {label} {error.filename!r} {error.errno}\0".encode())

    for current, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d != skip)
        here = Path(current)
        for name in sorted(files + [d for d in dirs if (here / d).is_symlink()]):
            path = here / name
            # Names are bytes on disk: one that is not UTF-8 is hashed as those bytes.
            shown = os.fsencode(f"{label}/{path.relative_to(folder).as_posix()}")
            try:
                _hash_entry(digest, path, shown)
            except OSError as error:
                unreadable(error)
        for name in dirs:
            shown = os.fsencode(f"{label}/{(here / name).relative_to(folder).as_posix()}")
            digest.update(b"\0dir " + shown + b"\0")


def _hash_entry(digest: Any, path: Path, shown: bytes) -> None:
    if path.is_symlink():
        digest.update(b"\0link " + shown + b" " + os.fsencode(os.readlink(path)) + b"\0")
    elif path.is_file():
        data = path.read_bytes()
        digest.update(b"\0file " + shown + f" {len(data)}\0".encode())
        digest.update(data)
    else:
        digest.update(b"\0other " + shown + b"\0")


# Their versions can change a verdict, so they are part of the code's digest.
LIBRARIES = ("pyyaml", "jsonschema", "referencing", "fastjsonschema")


def code_digest() -> str:
    """A digest of what turns records into results: our code, the schemas, the libraries."""
    digest = hashlib.blake2b(digest_size=32)
    versions = " ".join(f"{name}={metadata.version(name)}" for name in LIBRARIES)
    digest.update(
        f"format {FORMAT} python {sys.version} {versions} libyaml {yaml.__with_libyaml__}\0"
        .encode()
    )
    _hash_tree(digest, SCHEMA_DIR, "schemas")
    _hash_tree(digest, PACKAGE_DIR, "package", skip="__pycache__")
    return digest.hexdigest()


def input_digest(root: Path, code: str | None = None) -> str:
    """A digest of everything a build's output depends on (without --archive).

    `code` is code_digest(), when the caller has it already.
    """
    digest = hashlib.blake2b(digest_size=32)
    digest.update(f"code {code or code_digest()} today {today()}\0".encode())
    _hash_tree(digest, root / FACTS_DIR, "facts")
    _hash_tree(digest, root / LOCK_DIR, "locks")
    try:  # check compares the records with it
        _hash_entry(digest, root / PUBLISHED_FILE, PUBLISHED_FILE.encode())
    except OSError as error:  # a changed verdict: the build checks in full
        digest.update(f"\0unreadable {PUBLISHED_FILE} {error.errno}\0".encode())
    return digest.hexdigest()


def output_state(docs: Path) -> OutputState | None:
    """Kind, size and times of every generated file; None when links make it untrustworthy."""
    if docs.is_symlink() or not docs.is_dir():
        return None
    state: OutputState = {}
    for name in GENERATED_FILES:
        _note(state, docs, docs / name)
    for name in GENERATED_DIRS:
        folder = docs / name
        if folder.is_symlink():
            return None
        for current, dirs, files in os.walk(folder, followlinks=False):
            for entry in files + dirs:
                _note(state, docs, Path(current) / entry)
    return state


def _note(state: OutputState, docs: Path, path: Path) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    kind = 1 if stat.S_ISREG(info.st_mode) else 2 if stat.S_ISDIR(info.st_mode) else 3
    state[path.relative_to(docs).as_posix()] = [
        kind, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino
    ]


def _manifest_path(root: Path) -> Path:
    return root / CACHE_DIR / MANIFEST


def is_fresh(root: Path, digest: str) -> int | None:
    """The count of generated files when the last build's output is current, else None."""
    path = _manifest_path(root)
    try:
        if path.parent.is_symlink() or path.is_symlink():
            return None
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("inputs") != digest:
            return None
        anchor = checkout_identity(root)
        if anchor is None or manifest.get("anchor") != anchor:
            return None  # written in another checkout, or by hand: check everything
        recorded = manifest.get("outputs")
        if recorded is None or recorded != output_state(root / DOCS_DIR):
            return None
        return int(manifest["pages"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no manifest or a damaged one: build in full


def record(root: Path, digest: str, pages: int) -> None:
    """Remember a successful build; failing to (a read-only checkout) only costs speed."""
    try:
        folder = cache_folder(root)
        if folder is None:
            return
        outputs = output_state(root / DOCS_DIR)
        if outputs is None:
            return
        anchor = checkout_identity(root, create=True)
        text = json.dumps({"inputs": digest, "pages": pages, "outputs": outputs, "anchor": anchor})
        temp = folder / f"{MANIFEST}.tmp"
        temp.unlink(missing_ok=True)
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, folder / MANIFEST)
    except OSError:
        pass

