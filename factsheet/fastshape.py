"""A quick yes/no schema check for the common case, a record that is valid.

jsonschema spends most of a build resolving `$ref`s and building error objects for
records that have no error. This compiles each record schema once into plain closures
that only answer "valid?". They are never more lenient than jsonschema: a keyword they
do not know makes the whole schema unsupported (the caller then always uses jsonschema),
and anything they are unsure about answers "no", which also sends the record through
jsonschema. So every problem message still comes from jsonschema, exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only describe: they never change whether a value is valid.
_ANNOTATIONS = frozenset(
    {"description", "examples", "title", "$id", "$schema", "$comment", "default", "definitions"}
)
_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}
_SCALARS = (str, int, float, bool, type(None))


class Unsupported(Exception):
    """The schema uses something this checker does not implement."""


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b  # stricter than jsonschema (1 vs 1.0): safe


class Compiler:
    """Compiles one set of schema documents ({file name: body})."""

    def __init__(
        self,
        documents: Mapping[str, Any],
        pattern: Callable[[str], re.Pattern[str]],
        conforms: Callable[[Any, str], bool],
    ) -> None:
        self.documents = documents
        self.pattern = pattern  # how `pattern` is read (the caller's whole-string rule)
        self.conforms = conforms  # the format checker
        self._refs: dict[tuple[str, str], list[Check]] = {}

    def compile(self, name: str) -> Check:
        return self._node(self.documents[name], name)

    def _ref(self, ref: str, document: str) -> Check:
        target, _, pointer = ref.partition("#")
        name = target.rsplit("/", 1)[-1] if target else document
        if name not in self.documents:
            raise Unsupported(ref)
        key = (name, pointer)
        if key not in self._refs:
            cell: list[Check] = []
            self._refs[key] = cell  # filled below; a recursive schema reads it later
            node: Any = self.documents[name]
            for part in filter(None, pointer.split("/")):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(node, dict) or part not in node:
                    raise Unsupported(ref)
                node = node[part]
            cell.append(self._node(node, name))
        cell = self._refs[key]
        return lambda value: cell[0](value)

    def _node(self, schema: Any, document: str) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        if "$ref" in schema:  # draft 7: a $ref's sibling keywords are ignored
            return self._ref(schema["$ref"], document)
        checks = [
            self._keyword(key, value, schema, document)
            for key, value in schema.items()
            if key not in _ANNOTATIONS and key not in ("then", "else")
        ]
        return lambda value: all(check(value) for check in checks)

    def _keyword(self, key: str, value: Any, schema: dict[str, Any], document: str) -> Check:
        node = self._node
        if key == "type":
            names = value if isinstance(value, list) else [value]
            if any(n not in _TYPES for n in names):
                raise Unsupported(f"type {value}")
            types = [_TYPES[n] for n in names]
            return lambda v: any(t(v) for t in types)
        if key == "properties":
            props = {name: node(sub, document) for name, sub in value.items()}
            return lambda v: not isinstance(v, dict) or all(
                check(v[name]) for name, check in props.items() if name in v
            )
        if key == "required":
            names = list(value)
            return lambda v: not isinstance(v, dict) or all(n in v for n in names)
        if key == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported(key)
            known = frozenset(schema.get("properties", {}))
            extra = node(value, document)
            return lambda v: not isinstance(v, dict) or all(
                extra(v[k]) for k in v if k not in known
            )
        if key == "items":
            if not isinstance(value, dict | bool):
                raise Unsupported("items as a list")
            item = node(value, document)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        if key in ("enum", "const"):
            choices = list(value) if key == "enum" else [value]
            if not all(isinstance(c, _SCALARS) for c in choices):
                raise Unsupported(key)
            return lambda v: any(_same(c, v) for c in choices)
        if key == "pattern":
            regex = self.pattern(value)
            return lambda v: not isinstance(v, str) or regex.search(v) is not None
        if key in ("minLength", "maxLength", "minItems", "maxItems"):
            kind = str if key.endswith("Length") else list
            bound = int(value)
            if key.startswith("min"):
                return lambda v: not isinstance(v, kind) or len(v) >= bound
            return lambda v: not isinstance(v, kind) or len(v) <= bound
        if key == "uniqueItems":
            if not value:
                return _always
            # Only lists of strings are judged here; anything else goes to jsonschema.
            return lambda v: not isinstance(v, list) or (
                all(isinstance(x, str) for x in v) and len(set(v)) == len(v)
            )
        if key == "format":
            fmt = str(value)
            return lambda v: self.conforms(v, fmt)
        if key in ("anyOf", "oneOf", "allOf"):
            subs = [node(sub, document) for sub in value]
            if key == "anyOf":
                return lambda v: any(s(v) for s in subs)
            if key == "allOf":
                return lambda v: all(s(v) for s in subs)
            return lambda v: sum(1 for s in subs if s(v)) == 1
        if key == "not":
            sub = node(value, document)
            return lambda v: not sub(v)
        if key == "if":
            test = node(value, document)
            then = node(schema.get("then", True), document)
            otherwise = node(schema.get("else", True), document)
            return lambda v: then(v) if test(v) else otherwise(v)
        raise Unsupported(key)
