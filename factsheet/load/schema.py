"""Shape checks with the JSON Schemas in schemas/, turned into messages editors can act on.

The schemas are the single source of truth for record shape (VS Code reads the
same files). This module only translates jsonschema's errors into plain words:
which field, what is wrong, what to write instead.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any

import fastjsonschema
from jsonschema import Draft7Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from ..config import SCHEMA_DIR
from ..domain.dates import DateError, parse_date
from ..problems import MAX_PER_FILE, FieldPath, Problem, capped, problem_at
from .strict_yaml import LoadedFile

_TYPE_WORDS = {
    "object": "a set of `field: value` lines",
    "array": "a list (lines starting with `- `)",
    "string": "a piece of text",
}


@cache
def _schemas() -> dict[str, dict[str, Any]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }


_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("partial-date", raises=DateError)
def _is_partial_date(value: object) -> bool:
    # Only strings reach a date field's format check; the pattern rejects other shapes.
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
        parse_date(value)
    return True


@cache
def whole_string(pattern: str) -> re.Pattern[str]:
    """A schema pattern compiled so that a final `$` means the end of the string."""
    strict = (
        pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    )
    return re.compile(strict)


def _whole_string_pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """JSON Schema's `pattern`, except that `$` does not also match before a final newline.

    Python's `$` accepts "id\n", which would let a newline into ids, URLs and dates;
    the schemas keep plain ECMA patterns for editors, and this reads their end as the end.
    """
    if not isinstance(instance, str):
        return
    if not whole_string(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(  # type: ignore[no-untyped-call]
    Draft7Validator, {"pattern": _whole_string_pattern}
)


def _pointer(document: Any, fragment: str) -> Any:
    """The part of a schema document a JSON Pointer fragment (`/definitions/x`) names."""
    node = document
    for part in fragment.split("/")[1:] if fragment else []:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


_ANNOTATIONS = frozenset({"description", "examples", "title", "$comment"})


class _Inliner:
    """Every `$ref` of a schema replaced by the schema it points to, resolved once.

    jsonschema resolves a `$ref` each time it meets one, through URL joins and a registry
    lookup: a list of 150,000 aliases cost 150,000 resolutions, about 13 s. Inlined, each
    item is checked against the same dict. Under draft 7 a `$ref` ignores the keywords
    beside it, so the target takes the place of the `$ref` and every verdict and error
    stays as it was. A `$ref` met again while it is being inlined (a recursive schema) is
    left as it is, for the registry.
    """

    def __init__(self, schemas: Mapping[str, Any]) -> None:
        self.schemas = schemas
        self.done: dict[tuple[str, str], Any] = {}
        self.busy: set[tuple[str, str]] = set()

    def inline(self, node: Any, document: str) -> Any:
        if isinstance(node, list):
            return [self.inline(item, document) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return {key: self.inline(value, document) for key, value in node.items()}
        target = self._target(ref, document, node)
        notes = {key: value for key, value in node.items() if key in _ANNOTATIONS}
        # The notes beside a `$ref` (a field's own description) are read by the messages;
        # kept around the target, under draft 7 they describe and check nothing.
        return {**notes, "allOf": [target]} if notes and target is not node else target

    def _target(self, ref: str, document: str, node: dict[str, Any]) -> Any:
        name, _, fragment = ref.partition("#")
        key = (name or document, fragment)
        if key in self.done:
            return self.done[key]
        if key in self.busy or key[0] not in self.schemas:
            return node
        self.busy.add(key)
        target = self.inline(_pointer(self.schemas[key[0]], fragment), key[0])
        self.busy.discard(key)
        self.done[key] = target
        return target


@cache
def validator_for(kind: str) -> Draft7Validator:
    schemas = _schemas()
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(body, default_specification=DRAFT7))
        for name, body in schemas.items()
    )
    name = f"{kind}.schema.json"
    validator: Draft7Validator = _Validator(
        _Inliner(schemas).inline(schemas[name], name), registry=registry,
        format_checker=_FORMATS,
    )
    return validator


Check = Callable[[Any], bool]


def _conforms_to_partial_date(value: str) -> bool:
    return _FORMATS.conforms(value, "partial-date")


@cache
def quick_check_for(kind: str) -> Check:
    """A fast valid-or-not check of a record kind, compiled to Python by fastjsonschema.

    jsonschema spends most of a build resolving `$ref`s and building error objects for
    records that have no error; this check only answers "valid?", and a record it refuses
    goes through jsonschema for the messages. A test holds it to jsonschema's verdict on
    every record file in the repository. fastjsonschema reads a pattern's final `$` as
    the end of the string, as `whole_string` does.
    """
    schemas = _schemas()
    validate = fastjsonschema.compile(
        schemas[f"{kind}.schema.json"],
        handlers={"": lambda uri: schemas[uri.rsplit("/", 1)[-1]]},  # the schemas/ files
        formats={"partial-date": _conforms_to_partial_date},
        use_default=False,  # check only: never fill in defaults
    )

    def check(data: Any) -> bool:
        try:
            validate(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return check


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """The closest choice, ignoring case, as a question; empty when nothing is close."""
    by_folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=0.6)
    return f"did you mean '{by_folded[close[0]]}'?" if close else ""


def _join_hints(*hints: str) -> str:
    return " ".join(h for h in hints if h)


def _example_hint(schema: dict[str, Any]) -> str:
    examples = schema.get("examples")
    if examples:
        return "For example: " + ", ".join(f"'{e}'" for e in examples[:3]) + "."
    return ""


Explanation = tuple[FieldPath, str, str, bool]


def _explain(error: ValidationError, root: Mapping[str, Any]) -> Iterator[Explanation]:
    """Yield (field path, message, hint, mark-the-key) for one schema error."""
    path: FieldPath = tuple(error.absolute_path)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    rule = error.validator
    value = error.instance
    if rule == "required":
        missing = str(error.message).split("'")[1]
        # A conditional `then: required` has no properties of its own: fall back to the record's.
        properties = schema.get("properties") or root.get("properties", {})
        about = properties.get(missing, {}).get("description", "")
        hint = f"add a line `{missing}: ...`" + (f" ({about})" if about else "")
        yield (*path, missing), "this field is missing", hint, False
    elif rule == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        for extra in extras:
            yield (
                (*path, extra),
                "is not a field of this record",
                _join_hints(
                    did_you_mean(extra, allowed), "allowed fields: " + ", ".join(allowed) + "."
                ),
                True,
            )
    elif rule == "enum":
        choices = [str(c) for c in schema.get("enum", [])]
        yield (
            path,
            f"'{value}' is not an allowed value",
            _join_hints(did_you_mean(str(value), choices), "write one of: " + ", ".join(choices)),
            False,
        )
    elif rule == "format" and error.cause is not None:
        yield path, str(error.cause), "for example: '2015-11-29', '2015-11' or '2015'", False
    elif rule == "const":
        yield path, f"must be '{schema.get('const')}'", "", False
    elif rule == "type":
        wanted = schema.get("type")
        words = _TYPE_WORDS.get(str(wanted), str(wanted))
        yield path, f"must be {words}", _example_hint(schema), False
    elif rule in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        yield path, "must not be empty", _example_hint(schema), False
    elif rule == "pattern":
        description = schema.get("description", "")
        yield (
            path,
            f"'{_shorten(value)}' is not in the expected form",
            _join_hints(description, _example_hint(schema)),
            False,
        )
    elif rule == "minLength":
        yield path, f"is too short (at least {schema['minLength']} characters)", "", False
    elif rule == "maxLength":
        yield path, f"is too long (at most {schema['maxLength']} characters)", "shorten it", False
    elif rule == "minItems":
        if path and path[-1] == "citations":
            yield (
                path,
                "needs at least one citation: no citation, no fact",
                ("add `- source: <source-id>` with a short `quote:` from that source"),
                False,
            )
        else:
            yield path, f"needs at least {schema['minItems']} item(s)", "", False
    elif rule == "uniqueItems":
        yield path, "lists the same item twice", "remove the repeated item", False
    elif rule == "oneOf" and len(path) >= 2 and path[-2] == "figures":
        yield (
            path,
            "give either `value` or both `min` and `max`, not both",
            ('a single number goes in value: "49"; a range in min: "10" and max: "20"'),
            False,
        )
    elif rule in ("anyOf", "oneOf") and any(e.validator == "format" for e in error.context or []):
        cause = next(e.cause for e in error.context or [] if e.validator == "format")
        yield path, str(cause), "For example: '2015-11-29', '2015-11', '2015' or 'unknown'.", False
    elif rule in ("anyOf", "oneOf"):
        yield (
            path,
            f"'{_shorten(value)}' is not in the expected form",
            _join_hints(schema.get("description", ""), _example_hint(schema)),
            False,
        )
    else:
        yield path, str(error.message), "", False


def _shorten(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_shape(kind: str, loaded: LoadedFile) -> list[Problem]:
    """Every schema problem of one record, located in its file."""
    problems: list[Problem] = []
    data = loaded.data()
    if quick_check_for(kind)(data):
        return problems  # valid: skip jsonschema, which only matters for the messages
    validator = validator_for(kind)
    for error in validator.iter_errors(data):
        for path, message, hint, on_key in _explain(error, _schemas()[f"{kind}.schema.json"]):
            problems.append(problem_at(loaded, path, message, hint, key=on_key))
        if len(problems) > MAX_PER_FILE:
            # jsonschema finds errors lazily: stopping here leaves the rest unchecked, so
            # a list of 150,000 wrong items costs no more than one of twenty.
            break
    return capped(problems)
