"""`build.py new KIND ID`: a new record file with every field of its schema, explained.

The file is generated from the JSON Schemas in schemas/, the single source of truth, so it
cannot drift from them: every property appears, with its description, its allowed values and
an example as comments. Required fields hold a placeholder, optional ones are commented out.
Placeholders break the schema on purpose (`""` for text, `"REPLACE"` for everything else), so
`build.py check` points at each one until an editor has filled it in.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import RESERVED_IDS, SCHEMA_DIR
from .domain.model import UNKNOWN
from .domain.vocab import RecordKind
from .problems import EditorError

TEXT_PLACEHOLDER = '""'
VALUE_PLACEHOLDER = '"REPLACE"'
WIDTH = 96  # comment lines wrap here; records are read in narrow editor panes too
INDENT = "  "

_HELP = """\
How to fill it in:
- Write text in our own words between the empty quotes "", and replace every "REPLACE" with \
a value of the form the note above it asks for. `python build.py check` points at each one \
still left.
- Lines starting with # are notes: the build ignores them. Optional fields have a # in front \
of each of their lines. To use one, delete that # and the one space after it on each of its \
lines (in VS Code: select the lines and press Ctrl+/). Delete what you do not need.
- Keep the double quotes around values. Inside them, write \\" for a double quote mark.
- Every fact needs a citation: the id of a source in facts/sources/ and a short quote copied \
word for word from it. Unknown is written unknown, never guessed.
- More help, and what each message of the check means: CONTRIBUTING.md."""


# ----------------------------------------------------------------------- schemas


def _load_schemas() -> dict[str, dict[str, Any]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }


@dataclass(frozen=True)
class _Resolved:
    """A property's schema after following its $refs, with the words that explain it."""

    schema: dict[str, Any]
    document: str  # the schema file the resolved part lives in, for its own relative $refs
    description: str  # the most specific one: a property's own beats its type's
    examples: tuple[str, ...]  # only examples given as specifically as the description
    form: str  # the type's own description when the property's differs (ids, dates, numbers)
    form_examples: tuple[str, ...] = ()  # the type's examples, except for ids (see _resolve)


def _anchored(schema: dict[str, Any]) -> bool:
    pattern = str(schema.get("pattern", ""))
    return pattern.startswith("^") and pattern.endswith("$")


def _resolve(
    schemas: dict[str, dict[str, Any]], schema: dict[str, Any], document: str
) -> _Resolved:
    """Follow $refs from a property to the schema that says what its value looks like."""
    levels = [schema]
    seen: set[str] = set()
    pointer = ""
    while isinstance(schema.get("$ref"), str):
        target, _, pointer = str(schema["$ref"]).partition("#")
        document = target or document
        if f"{document}#{pointer}" in seen:
            raise ValueError(f"the schema {document} refers to itself at {pointer}")
        seen.add(f"{document}#{pointer}")
        node: Any = schemas[document]
        for part in [p for p in pointer.split("/") if p]:
            node = node[part]
        schema = node
        levels.append(schema)
    description = ""
    examples: tuple[str, ...] = ()
    source = len(levels) - 1
    # A generic type's examples (an incident id) would mislead under a specific description
    # (the id of a source): examples count only from the level that explains the property.
    for index, level in enumerate(levels):
        if "description" in level or "examples" in level:
            description = str(level.get("description", ""))
            examples = tuple(str(e) for e in level.get("examples", ()))
            source = index
            break
    for level in levels[source + 1 :]:
        description = description or str(level.get("description", ""))
    inner = levels[-1]
    inner_text = str(inner.get("description", ""))
    form = (
        inner_text
        if source < len(levels) - 1 and _anchored(inner) and (inner_text != description)
        else ""
    )
    # An id's examples are ids of other records ("ariha-market-strike" under "the id of a
    # source", or of an actor): an id's own words are shown without them.
    is_id = pointer.endswith("/definitions/id")
    if is_id and source == len(levels) - 1:
        examples = ()
    form_examples = () if not form or is_id else tuple(
        str(e) for e in inner.get("examples", ())
    )
    return _Resolved(schema, document, description, examples, form, form_examples)


def _is_object(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _is_text(schema: dict[str, Any]) -> bool:
    """Free text: a string with no set form (any pattern is only 'not blank')."""
    return schema.get("type") == "string" and "enum" not in schema and not _anchored(schema)


# ------------------------------------------------------------------------ notes


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f'"{v}"' for v in values)


def _comment_lines(indent: str, text: str) -> list[str]:
    width = max(WIDTH - len(indent) - 2, 40)
    wrapped = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}# {line}" for line in wrapped]


@dataclass(frozen=True)
class _Member:
    name: str
    schema: dict[str, Any]
    needed: bool  # filled in with a placeholder; otherwise shown commented out
    status: str  # "required", "optional", or when it is needed
    alternative: bool = False  # another choice of a oneOf: never shown filled in


def _as_new_record(schema: dict[str, Any]) -> dict[str, Any]:
    """A record kind's schema without its withdrawn branch: a new record is never withdrawn.

    The kind schemas say `if withdrawn then <a tombstone's fields> else <a record's>`; what
    a new record needs is the `else` branch, without `withdrawn` (CONTRIBUTING explains
    how to withdraw a record: a record filled in with every field could not be one).
    """
    condition = schema.get("if")
    if not (isinstance(condition, dict) and condition.get("required") == ["withdrawn"]):
        return schema
    plain = {k: v for k, v in schema.items() if k not in ("if", "then", "else")}
    plain["properties"] = {k: v for k, v in schema["properties"].items() if k != "withdrawn"}
    return {**plain, **schema.get("else", {})}


def _members(schema: dict[str, Any]) -> list[_Member]:
    """The properties of an object schema, each marked required or optional and why."""
    schema = _as_new_record(schema)
    required = set(schema.get("required", ()))
    # oneOf over `required` lists (a figure's value, or min and max): the first choice is
    # filled in, the others are shown commented out as the alternative.
    choices = [list(c.get("required", ())) for c in schema.get("oneOf", ()) if isinstance(c, dict)]
    either = " or ".join(" and ".join(c) for c in choices if c)
    # if/then (publisher: unknown makes publisher_note required).
    condition = ""
    if isinstance(schema.get("if"), dict) and isinstance(schema.get("then"), dict):
        tests = [
            f"{key} is {rule['const']}"
            for key, rule in schema["if"].get("properties", {}).items()
            if "const" in rule
        ]
        condition = " and ".join(tests)
    conditional = set(schema["then"].get("required", ())) if condition else set()
    members: list[_Member] = []
    for name, sub in schema.get("properties", {}).items():
        if name in required:
            members.append(_Member(name, sub, True, "required"))
        elif any(name in choice for choice in choices):
            chosen = name in choices[0]
            members.append(_Member(name, sub, chosen, f"give {either}", not chosen))
        elif name in conditional:
            members.append(_Member(name, sub, False, f"optional; required when {condition}"))
        else:
            members.append(_Member(name, sub, False, "optional"))
    return members


# ---------------------------------------------------------------------- rendering


class _Writer:
    """Renders schema properties as commented YAML lines."""

    def __init__(self, schemas: dict[str, dict[str, Any]], all_fields: bool = False) -> None:
        self.schemas = schemas
        self.all_fields = all_fields

    def resolve(self, schema: dict[str, Any], document: str) -> _Resolved:
        return _resolve(self.schemas, schema, document)

    def item(self, field: _Resolved) -> _Resolved | None:
        items = field.schema.get("items")
        return self.resolve(items, field.document) if isinstance(items, dict) else None

    def notes(self, member: _Member, field: _Resolved) -> str:
        """The comment for one field: what it is, whether it is needed, what to write."""
        schema = field.schema
        parts = [f"{member.name} ({member.status}):"]
        if field.description:
            parts.append(field.description)
        if field.form:
            parts.append("Written as: " + field.form)
        if "enum" in schema:
            parts.append("One of: " + ", ".join(str(v) for v in schema["enum"]) + ".")
        elif field.examples or field.form_examples:
            parts.append("For example: " + _quoted(field.examples or field.form_examples) + ".")
        if schema.get("type") == "array":
            item = self.item(field)
            if item is not None and item.description and item.description != field.description:
                parts.append("Each entry: " + item.description)
            once = ", each only once" if schema.get("uniqueItems") else ""
            parts.append(f"Start each entry with `- `{once}.")
        return " ".join(parts)

    def field_lines(self, member: _Member, document: str, indent: str) -> list[str]:
        """A field's notes, then its `name: value` lines, commented out when optional."""
        field = self.resolve(member.schema, document)
        notes = _comment_lines(indent, self.notes(member, field))
        body = self.value_lines(member.name, field, indent)
        if not self.shown(member):
            body = [f"{indent}# {line[len(indent) :]}" for line in body]
        return notes + body

    def value_lines(self, name: str, field: _Resolved, indent: str) -> list[str]:
        schema = field.schema
        if _is_object(schema):
            return [f"{indent}{name}:", *self.object_lines(field, indent + INDENT)]
        if schema.get("type") == "array":
            item = self.item(field)
            if item is None:
                return [f"{indent}{name}: []"]
            return [f"{indent}{name}:", *self.item_lines(item, indent + INDENT)]
        return [f"{indent}{name}: {_placeholder(schema)}"]

    def object_lines(self, field: _Resolved, indent: str) -> list[str]:
        return [
            line
            for member in _members(field.schema)
            for line in self.field_lines(member, field.document, indent)
        ]

    def shown(self, member: _Member) -> bool:
        """Whether a field is written out (with a placeholder) rather than commented out."""
        return member.needed or (self.all_fields and not member.alternative)

    def item_lines(self, item: _Resolved, indent: str) -> list[str]:
        """One list entry at `indent`: `- value`, or a mapping whose first field holds the `- `."""
        if not _is_object(item.schema):
            return [f"{indent}- {_placeholder(item.schema)}"]
        members = _members(item.schema)
        inner = indent + INDENT
        if not members or not self.shown(members[0]):
            return [f"{indent}-", *self.object_lines(item, inner)]
        first = members[0]
        field = self.resolve(first.schema, item.document)
        body = self.value_lines(first.name, field, inner)
        lines = _comment_lines(indent, self.notes(first, field))  # above the dash
        lines.append(f"{indent}- {body[0][len(inner) :]}")
        lines += body[1:]
        for member in members[1:]:
            lines += self.field_lines(member, item.document, inner)
        return lines


def _placeholder(schema: dict[str, Any]) -> str:
    return TEXT_PLACEHOLDER if _is_text(schema) else VALUE_PLACEHOLDER


# --------------------------------------------------------------------------- entry


def record_text(kind: str, *, all_fields: bool = False) -> str:
    """The text of a new record of `kind`, generated from schemas/<kind>.schema.json.

    all_fields=True writes the optional fields out too, as an editor would by uncommenting
    them all (only the other choice of a oneOf, such as a figure's min and max, stays
    commented out); the tests use it to check every field's example against the schema.
    """
    kind = _record_kind(kind)
    writer = _Writer(_load_schemas(), all_fields)
    document = f"{kind}.schema.json"
    schema = writer.schemas[document]
    lines = [f"# yaml-language-server: $schema=../../schemas/{document}", "#"]
    about = f"A new {kind} record. {schema.get('title', kind)}: {schema.get('description', '')}"
    lines += _comment_lines("", about.strip())
    lines.append("#")
    for paragraph in _HELP.splitlines():
        follow = "  " if paragraph.startswith("- ") else ""
        wrapped = textwrap.wrap(
            paragraph,
            WIDTH - 2,
            subsequent_indent=follow,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines += [f"# {line}" for line in wrapped]
    for member in _members(schema):
        lines.append("")
        lines += writer.field_lines(member, document, "")
    return "\n".join(lines) + "\n"


def _record_kind(kind: str) -> RecordKind:
    try:
        return RecordKind(kind)
    except ValueError:
        kinds = ", ".join(RecordKind)
        raise EditorError(f"unknown record kind '{kind}': use one of {kinds}") from None


def _id_schema() -> dict[str, Any]:
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))
    result: dict[str, Any] = common["definitions"]["id"]
    return result


def check_id(record_id: str) -> None:
    """Raise EditorError, saying what an id looks like, unless `record_id` is a usable new id."""
    rule = _id_schema()
    limit = int(rule.get("maxLength", 80))
    if record_id == UNKNOWN:
        raise EditorError(
            f"'{UNKNOWN}' cannot be an id: it is the word records use when a source does not "
            "say who published a text or made a claim"
        )
    if record_id in RESERVED_IDS:
        raise EditorError(
            f"'{record_id}' is a reserved name and cannot be an id: it would replace a "
            "generated page or break a checkout on Windows; choose a more specific id, "
            f"such as {record_id}-2015 or {record_id}-strike"
        )
    if re.fullmatch(str(rule["pattern"]), record_id) and len(record_id) <= limit:
        return
    examples = " or ".join(str(e) for e in rule.get("examples", ())[:2])
    folded = unicodedata.normalize("NFKD", record_id).encode("ascii", "ignore").decode()
    suggestion = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:limit].strip("-")
    message = (
        f"'{record_id}' is not a valid id. An id uses only lowercase letters a-z and digits 0-9, "
        f"with single hyphens between words: no spaces, capitals, accents, underscores or "
        f"other signs, and at most {limit} characters"
    )
    message += f", such as {examples}" if examples else ""
    if suggestion and suggestion != record_id:
        message += f". Try: {suggestion}"
    raise EditorError(message)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _existing(root: Path, record_id: str) -> Path | None:
    """A record of any kind whose id is `record_id`, compared as the checks compare ids."""
    wanted = _normal(record_id)
    for kind in RecordKind:
        directory = root / "facts" / kind.folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.suffix == ".yaml" and _normal(path.stem) == wanted:
                return path
    return None


def new_record(root: Path, kind: str, record_id: str) -> Path:
    """Write facts/<kind>s/<id>.yaml under root and return its path.

    Raises EditorError, saying why, for an unknown kind or an invalid id, when root has no
    facts/ folder, and when a record of any kind already has this id.
    """
    record_kind = _record_kind(kind)
    check_id(record_id)
    facts = root / "facts"
    if not facts.is_dir():
        raise EditorError(
            f"there is no facts/ folder in {root}: run this in the project "
            "folder, or give it with --root"
        )
    taken = _existing(root, record_id)
    if taken is not None:
        raise _taken(root, record_id, taken)
    text = record_text(record_kind)
    target = facts / record_kind.folder / f"{record_id}.yaml"
    target.parent.mkdir(exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:  # never overwrites
            handle.write(text)
    except FileExistsError:  # written by someone else since _existing looked
        raise _taken(root, record_id, target) from None
    return target


def _taken(root: Path, record_id: str, taken: Path) -> EditorError:
    shown = taken.relative_to(root).as_posix()
    return EditorError(
        f"the id '{record_id}' is already used by {shown}; ids are "
        "shared by all record kinds: choose another, or edit that file"
    )
