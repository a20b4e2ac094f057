"""Strict YAML loading for record files written by editors and by strangers in pull requests.

A record file is one YAML mapping whose scalars all stay text exactly as written. Anything
else YAML allows but a record does not need (anchors, aliases, tags, several documents,
non-text keys, duplicate keys) is reported as a `Problem`, located to the line and column.
The input is treated as hostile: files are read and decoded by `factsheet.files` (no
symlinks, a size limit, strict UTF-8), nesting deeper than MAX_DEPTH is refused while the
tree is built, and the loader never raises: every failure becomes a `Problem`.

Only libyaml's event stream is used; the tree is built here, without recursion, so no
PyYAML constructor (implicit typing, alias expansion, Python objects) ever runs.

Speed: most record files use none of the constructs above. For a file whose text holds
no `!`, `&`, `*` or leading `%` (so no tag, anchor, alias or directive can be in it),
libyaml's own composer builds the node graph in C and a short walk turns it into plain
data, checking what the composer does not (duplicate, empty and `? ` keys, a comment
after a plain value, depth). Anything unusual, and any error, falls back to the event
path, which gives the messages; the marks of the fast path's files are found the same
way, on demand, since only a problem needs them.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from .. import files
from .. import problems as problem_list  # its cap is read at call time: tests lower it
from ..problems import Problem, field_name
from .indentation import indentation_mistake

MAX_DEPTH = 64

_WITH_LIBYAML: bool = yaml.__with_libyaml__

# How a file is read, chosen by the caller. "fast" (the default): libyaml's own composer for
# an ordinary file, the event path for the rest; "events": every file by the event path;
# "python-events": the event path on PyYAML's pure-Python parser, as on a machine without
# libyaml. The tests hold all three to the same verdicts.
Reader = Literal["fast", "events", "python-events"]


# ---------------------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Mark:
    """A position in the file, 1-based, columns counted in characters."""

    line: int
    column: int


@dataclass
class ScalarNode:
    value: str
    mark: Mark


@dataclass
class SequenceNode:
    items: list[Node]
    mark: Mark


@dataclass
class MappingNode:
    items: dict[str, Node]
    key_marks: dict[str, Mark]
    mark: Mark


Node = ScalarNode | SequenceNode | MappingNode


def _plain(node: Node) -> Any:
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [_plain(item) for item in node.items]
    return {key: _plain(value) for key, value in node.items.items()}


class LoadedFile:
    """One record file that loaded without a problem."""

    __slots__ = ("_data", "_root", "_text", "display", "path")

    def __init__(
        self,
        path: Path,
        display: str,  # the path shown in messages, e.g. "facts/incidents/x.yaml"
        text: str,
        data: dict[str, Any] | None = None,
        root: MappingNode | None = None,
    ) -> None:
        self.path, self.display, self._text = path, display, text
        self._data, self._root = data, root

    @property
    def text(self) -> str:
        """The file's text, as decoded."""
        return self._text

    @property
    def root(self) -> MappingNode:
        """The node tree with line and column marks, built from the text when first asked."""
        if self._root is None:
            root, _ = _build(self._text, self.display)
            # The fast path accepted this text, so the event path does too (a test holds
            # both to the same verdicts); an empty tree only guards against a broken promise.
            self._root = root if root is not None else MappingNode({}, {}, _START)
        return self._root

    def data(self) -> dict[str, Any]:
        """The record as plain Python: dicts, lists and strings only. Do not modify it."""
        if self._data is None:
            self._data = _plain(self.root)
        return self._data

    def keep_text_only(self) -> None:
        """Forget the data and the tree (both are made again from the text if asked for).

        Once its record is built, a file is kept only to locate problems; at thousands
        of records the data would cost about as much memory as the records themselves.
        """
        self._data = self._root = None

    def mark_of(self, path: Sequence[str | int], key: bool = False) -> Mark:
        """Where the node at `path` is (its key with key=True); if absent, its deepest ancestor."""
        node: Node = self.root
        key_mark: Mark | None = None
        for part in path:
            child: Node | None = None
            key_mark = None
            if isinstance(node, MappingNode) and isinstance(part, str):
                child = node.items.get(part)
                key_mark = node.key_marks.get(part)
            elif (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and (0 <= part < len(node.items))
            ):
                child = node.items[part]
            if child is None:
                return node.mark
            node = child
        if key and key_mark is not None:
            return key_mark
        return node.mark


# ------------------------------------------------------------------------- problems


def _problem(display: str, mark: Mark, message: str, hint: str, field: str = "") -> Problem:
    return Problem(display, mark.line, mark.column, field, message, hint)


_START = Mark(1, 1)
_BREAK = re.compile(r"\r\n|\r|\n")


def _marks_at(text: str, indexes: Sequence[int]) -> list[Mark]:
    """The marks of several ascending indexes, in one pass over the text up to the last."""
    marks: list[Mark] = []
    breaks = _BREAK.finditer(text, 0, indexes[-1] if indexes else 0)
    line, line_start = 1, 0
    pending = next(breaks, None)
    for index in indexes:
        while pending is not None and pending.end() <= index:
            line, line_start = line + 1, pending.end()
            pending = next(breaks, None)
        marks.append(Mark(line, index - line_start + 1))
    return marks


# Everything YAML itself refuses (C0 but tab/LF/CR, DEL, U+FFFE/U+FFFF) plus C1 (U+0085
# would silently count as a line break), stray byte-order marks and the Unicode line and
# paragraph separators (YAML breaks lines there, editors do not, so positions would drift).
_BAD_CHARACTER = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def _character_problems(text: str, display: str) -> list[Problem]:
    problems: list[Problem] = []
    matches = list(itertools.islice(_BAD_CHARACTER.finditer(text), problem_list.MAX_PER_FILE + 1))
    marks = _marks_at(text, [match.start() for match in matches])
    for match, mark in zip(matches, marks, strict=True):
        char = match.group()
        code = f"U+{ord(char):04X}"
        if char == "\ufeff":
            message = f"the file holds a byte-order mark ({code}) inside the text"
            hint = "delete the invisible character here; it comes from joining two files"
        elif char in "\u2028\u2029":
            message = f"the file holds an invisible line separator ({code})"
            hint = "delete the invisible character here, or replace it with a real line break"
        else:
            message = f"the file holds an invisible control character ({code})"
            hint = (
                "delete the invisible character here; it often comes from copying text "
                "out of another program"
            )
        problems.append(_problem(display, mark, message, hint))
    return problems


# ------------------------------------------------------------------------- nesting
# Depth is counted while the tree is built (block and flow levels together); libyaml
# itself refuses more than 1,000 levels, so its composer never recurses deeper.

_TOO_DEEP = "the file is nested more than {depth} levels deep"
_TOO_DEEP_HINT = "records need only a few levels of indentation and brackets; flatten it"


def _too_deep(display: str, mark: Mark) -> Problem:
    return _problem(display, mark, _TOO_DEEP.replace("{depth}", str(MAX_DEPTH)), _TOO_DEEP_HINT)


# -------------------------------------------------- what the parser does not report

# An unquoted value that YAML 1.2 tools (VS Code's YAML support, check-jsonschema) read as
# a number, a boolean or null: the records' JSON Schemas there want text, so the build
# refuses it too, and both say the same of every field. (Dates, yes/no and 1:20 stay text
# in YAML 1.2.) The union of the 1.2 core schema and ruamel.yaml's wider numbers.
_TYPED_PLAIN = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?(?:[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)"
    r"|[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_TYPED_START = frozenset("~nNtTfF0123456789+-.")
# Used by both readers below, on 0-based line and column positions (libyaml's marks).


def _comment_after(lines: Sequence[str], line: int, column: int) -> bool:
    """Whether a `#` comment follows this position on its line: after a plain value,
    YAML silently drops that text.

    Scanned by hand over the blanks after the value, never by slicing the rest of the
    line: a 1 MB flow line holds a hundred thousand values, and a slice each would copy
    the line a hundred thousand times. The blanks after one value are not those after
    another, so all the scans together read the file at most once.
    """
    if line >= len(lines):
        return False
    text = lines[line]
    index = column
    while index < len(text) and text[index] in " \t":
        index += 1
    return index < len(text) and text[index] == "#"


def _question_mark_before(lines: Sequence[str], line: int, column: int) -> bool:
    """Whether the nearest non-space character before this position on its line is `?`.

    Parsers do not say whether a key was explicit (`? name`), so the text is read.
    Scanned by hand: slicing each key's line would be quadratic on a long flow mapping.
    """
    text = lines[line] if line < len(lines) else ""
    index = min(column - 1, len(text) - 1)
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index >= 0 and text[index] == "?"


# --------------------------------------------------------------- events to the tree


class _TooDeep(Exception):
    def __init__(self, mark: Mark) -> None:
        super().__init__("too deep")
        self.mark = mark


class _KeyState:
    """A mapping's state between a bad key and its value, whose value is then dropped."""


_SKIP_VALUE = _KeyState()  # a repeated or bad key was read: drop the value that follows
_IN_BAD_KEY = _KeyState()  # a list or mapping used as a key is being read


@dataclass
class _Frame:
    node: SequenceNode | MappingNode
    path: list[str | int]
    key: str | _KeyState | None = None  # in a mapping: the key waiting for its value
    key_text: str = ""  # the last key read, even a refused one, to name the fields below it

    def child_path(self) -> list[str | int]:
        """The field path of the node that comes next in this list or mapping."""
        if isinstance(self.node, SequenceNode):
            return [*self.path, len(self.node.items)]
        if self.key is None or self.key is _IN_BAD_KEY or not self.key_text:
            return self.path
        return [*self.path, self.key_text]


def _mark(event: Any) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


class _TreeBuilder:
    """Turns parser events into nodes, noting every construct a record may not use."""

    def __init__(self, text: str, display: str) -> None:
        self.lines = text.splitlines()
        self.display = display
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Node | None = None
        self.documents = 0

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self._document_start(event)
        elif self.documents > 1 or isinstance(
            event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
        ):
            return  # a second document was reported once; its content is not read
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.ScalarEvent):
            self._check_properties(event)
            self._scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._check_properties(event)
            self._collection_start(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._add(self.stack.pop().node)

    def _report(self, mark: Mark, message: str, hint: str, field: str = "") -> None:
        if len(self.problems) > problem_list.MAX_PER_FILE:
            return  # enough to show; capped() says that more were left out
        self.problems.append(_problem(self.display, mark, message, hint, field))

    def _document_start(self, event: Any) -> None:
        self.documents += 1
        if self.documents == 2:
            self._report(
                _mark(event),
                "the file holds more than one record: a second one starts here",
                "keep one record per file: remove the `---` line and what follows, "
                "or move it to a file of its own",
            )
        if event.tags or event.version:
            self._report(
                _mark(event),
                "the file has a `%` directive line, which records do not use",
                "delete the lines starting with %",
            )

    def _field_here(self) -> str:
        """The field the next node belongs to, e.g. figures[0].value."""
        return field_name(self.stack[-1].child_path()) if self.stack else ""

    def _check_properties(self, event: Any) -> None:
        if event.anchor is not None:
            self._report(
                _mark(event),
                f"uses an anchor (&{event.anchor}) to reuse a value elsewhere",
                "write the value out in full instead of using & and *",
                self._field_here(),
            )
        if event.tag is not None:
            # Untagged nodes carry tag None; any tag (even a lone `!`) was written by hand.
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!", 1)
            self._report(
                _mark(event),
                f"has a type tag ({tag}), which records do not use",
                "remove the part starting with ! before the value: every value is read as text",
                self._field_here(),
            )

    def _alias(self, event: Any) -> None:
        mark = _mark(event)
        self._report(
            mark,
            f"uses an alias (*{event.anchor}) to repeat a value from elsewhere",
            "write the value out in full instead of using & and *",
            self._field_here(),
        )
        if self._awaits_key():
            self.stack[-1].key = _SKIP_VALUE  # an alias as key: drop its value too
        else:
            self._add(ScalarNode("", mark))

    def _awaits_key(self) -> bool:
        frame = self.stack[-1] if self.stack else None
        return frame is not None and isinstance(frame.node, MappingNode) and frame.key is None

    def _scalar(self, event: Any) -> None:
        mark = _mark(event)
        if self._awaits_key():
            self._key(event.value, mark)
            return
        end = event.end_mark
        if event.style in (None, "") and _comment_after(self.lines, end.line, end.column):
            self._report(
                mark,
                "text after ` #` on this line is read as a note and left out of the value",
                "if it is a note, move it to a line of its own; if the # belongs to the value, "
                'put the whole value in double quotes, e.g. "Strike # 2"',
                field_name(self.stack[-1].child_path()) if self.stack else "",
            )
        if event.style in (None, "") and event.tag is None and _TYPED_PLAIN.fullmatch(event.value):
            self._report_typed(event.value, mark)
        self._add(ScalarNode(event.value, mark))

    def _report_typed(self, value: str, mark: Mark) -> None:
        path = self.stack[-1].child_path() if self.stack else []
        name = path[-1] if path and isinstance(path[-1], str) else ""
        quoted = f'{name}: "{value}"' if name else f'"{value}"'
        if value in ("~", "null", "Null", "NULL"):
            read_as = "empty (null)"
        elif value.lower() in ("true", "false"):
            read_as = f"the truth value {value.lower()}"
        else:
            read_as = "a number"
        self._report(
            mark,
            f"`{value}` without quotes is read as {read_as} by your editor and other YAML "
            "tools, not as text",
            f"put it in double quotes: {quoted}",
            field_name(path),
        )

    def _key(self, name: str, mark: Mark) -> None:
        frame = self.stack[-1]
        assert isinstance(frame.node, MappingNode)
        frame.key, frame.key_text = _SKIP_VALUE, name
        if _question_mark_before(self.lines, mark.line - 1, mark.column - 1):
            self._report(
                mark,
                "is written with `? ` in front, which records do not use",
                f"write the field on one line as `{name}: value`",
                field_name([*frame.path, name]),
            )
        elif not name.strip():
            self._report(
                mark,
                "a field name is missing before the `:`",
                "write the field as `name: value`",
                field_name(frame.path),
            )
        elif name in frame.node.key_marks:
            first = frame.node.key_marks[name]
            self._report(
                mark,
                f"is written twice in the same place (first on line {first.line})",
                f"keep one `{name}:` line and delete the other, or merge them",
                field_name([*frame.path, name]),
            )
        else:
            frame.node.key_marks[name] = mark
            frame.key = name

    def _collection_start(self, event: Any) -> None:
        mark = _mark(event)
        node: SequenceNode | MappingNode
        if isinstance(event, yaml.MappingStartEvent):
            node = MappingNode({}, {}, mark)
        else:
            node = SequenceNode([], mark)
        if self._awaits_key():
            frame = self.stack[-1]
            self._report(
                mark,
                "a field name must be a single word or phrase, not a list or a group of fields",
                "write the field as `name: value`",
                field_name(frame.path),
            )
            frame.key = _IN_BAD_KEY
        path = self.stack[-1].child_path() if self.stack else []
        if len(self.stack) >= MAX_DEPTH:
            raise _TooDeep(mark)
        self.stack.append(_Frame(node, path))

    def _add(self, node: Node) -> None:
        """Attach a finished node to its parent, or make it the root."""
        if not self.stack:
            if self.root is None:
                self.root = node
            return
        frame = self.stack[-1]
        if isinstance(frame.node, SequenceNode):
            frame.node.items.append(node)
        elif frame.key is _IN_BAD_KEY:
            frame.key = _SKIP_VALUE  # the bad key is complete; its value comes next
        else:
            if isinstance(frame.key, str):
                frame.node.items[frame.key] = node
            frame.key = None


def _events(text: str, reader: Reader) -> Iterator[Any]:
    pure = reader == "python-events" or not _WITH_LIBYAML
    return iter(yaml.parse(text, Loader=yaml.SafeLoader if pure else yaml.CSafeLoader))


def _build(
    text: str, display: str, reader: Reader = "events"
) -> tuple[MappingNode | None, list[Problem]]:
    builder = _TreeBuilder(text, display)
    try:
        for event in _events(text, reader):
            builder.feed(event)
    except _TooDeep as deep:
        return None, [*builder.problems, _too_deep(display, deep.mark)]
    except yaml.YAMLError as error:
        return None, [_syntax_problem(error, builder.lines, display)]
    root_problem = _root_problem(builder.root, display)
    problems = builder.problems + ([root_problem] if root_problem else [])
    if problems or not isinstance(builder.root, MappingNode):
        return None, problems
    return builder.root, []


def _root_problem(root: Node | None, display: str) -> Problem | None:
    if root is None or (isinstance(root, ScalarNode) and not root.value.strip()):
        return _problem(
            display, _START, "the file is empty", "a record is a set of `field: value` lines"
        )
    if isinstance(root, SequenceNode):
        return _problem(
            display,
            root.mark,
            "a record must be a set of `field: value` lines, not a list",
            "remove the `- ` in front of the fields",
        )
    if isinstance(root, ScalarNode):
        return _problem(
            display,
            root.mark,
            "a record must be a set of `field: value` lines, not text",
            "start each line with a field name and a colon, e.g. `title: ...`",
        )
    return None


# -------------------------------------------------------------------- syntax errors

# (words in the parser's "problem (context)", what to tell the editor, how to fix it);
# the first match wins.
_SYNTAX_HELP = (
    ("exceeded maximum nesting depth", _TOO_DEEP, _TOO_DEEP_HINT),
    (
        "mapping values are not allowed",
        "a `: ` here would start a new field where none may start",
        "if the colon is part of the text, put the whole value in double quotes, "
        'e.g. title: "Strike: the aftermath"; otherwise check the indentation',
    ),
    (
        "could not find expected ':'",
        "a line has no `:` after its field name, or text continues without being indented",
        "write each field as `name: value`, and indent continued text under its field",
    ),
    (
        "did not find expected key",
        "this is not where a field can start",
        "line up fields of the same group at the same indentation, using spaces; "
        "if a value starts with a quote mark, end it with the same mark",
    ),
    (
        "did not find expected '-' indicator",
        "this list item is not lined up with the others",
        "start every item of a list with `- ` at the same indentation",
    ),
    (
        "did not find expected ',' or",
        "a list in [ ] or a group in { } that starts on line {context} is not closed",
        "add the missing ] or }, or put the whole value in double quotes",
    ),
    (
        "unknown escape character",
        "a backslash in a double-quoted value starts an unknown escape",
        "write \\\\ for a backslash, or put the value in single quotes instead",
    ),
    (
        "(while scanning a quoted scalar)",
        "a quoted value that starts on line {context} is never closed",
        "add the missing closing quote, or remove the opening one",
    ),
    (
        "cannot start any token",
        "a value starts with a character YAML reserves, such as @ or `",
        "put the value in double quotes",
    ),
    (
        "expected <block end>",
        "this is not where a field can start",
        "line up fields of the same group at the same indentation, using spaces",
    ),
)


# The parser's words for a line it did not expect where it is: often a line out of line.
_INDENTATION_WORDS = (
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
)


def _syntax_problem(error: yaml.YAMLError, lines: Sequence[str], display: str) -> Problem:
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = _START
    if problem_mark is not None:
        mark = Mark(problem_mark.line + 1, problem_mark.column + 1)
    problem = str(getattr(error, "problem", None) or error)
    line = lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""
    if line[mark.column - 1 : mark.column] == "\t":
        return _problem(
            display,
            mark,
            "a tab is used here, where YAML allows only spaces",
            "indent with spaces, not tabs (most editors can insert spaces for tabs)",
        )
    context = getattr(error, "context", None)
    detail = f"{problem} ({context})" if context else problem
    if any(words in detail for words in _INDENTATION_WORDS):
        mistake = indentation_mistake(lines, mark.line - 1)
        if mistake is not None:
            column, message, hint = mistake
            return _problem(display, Mark(mark.line, column), message, hint)
    context_line = context_mark.line + 1 if context_mark is not None else mark.line
    for words, message, hint in _SYNTAX_HELP:
        if words in detail:
            return _problem(
                display,
                mark,
                message.replace("{depth}", str(MAX_DEPTH)).replace("{context}", str(context_line)),
                hint,
            )
    return _problem(
        display,
        mark,
        f"this is not valid YAML: {detail}",
        "check this line and the one before it: wrong indentation, "
        "a missing `:` or an unclosed quote are the usual causes",
    )



# ------------------------------------------------------------------------ fast path

# Where a tag (!), anchor (&), alias (*) or directive (% at a line start) could be; and
# a lone CR, which libyaml counts as a line break where the checks below count only LF.
_UNUSUAL = re.compile(r"[!&*]|^%|\r(?!\n)", re.MULTILINE)
# A `#` after a space or tab on a line that is not a comment line: where a comment might
# follow a plain value (YAML drops such text silently, so the event path reports it).
_INLINE_COMMENT = re.compile(r"^[ \t]*[^#\s\r\n][^\r\n]*?[ \t]#", re.MULTILINE)


if _WITH_LIBYAML:
    from yaml._yaml import CParser

    class _Composer(CParser):
        """libyaml's parser and composer, every scalar left as text (no implicit typing)."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass


class _Unusual(Exception):
    """The fast path met something only the event path may judge."""


def _fast_data(text: str) -> dict[str, Any] | None:
    """The record as plain data if it is certainly well-formed, else None (use the event path)."""
    if not _WITH_LIBYAML or _UNUSUAL.search(text):
        return None
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        composer.dispose()
    if root is None or root.__class__ is not yaml.MappingNode:
        return None
    walk = _FastWalk(text)
    try:
        data: dict[str, Any] = walk.plain(root, 1)
    except (_Unusual, RecursionError):
        return None
    return data


def _comment_line_numbers(text: str) -> set[int]:
    """The 0-based numbers of the lines where a comment may follow a plain value.

    Newlines are counted from the previous match on, not from the start of the text for
    each: a file of 166,000 `- item #` lines would otherwise be read 166,000 times.
    """
    numbers: set[int] = set()
    line, counted_to = 0, 0
    for match in _INLINE_COMMENT.finditer(text):
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        numbers.add(line)
    return numbers


class _FastWalk:
    """Node graph to plain data, refusing (by raising _Unusual) what records may not use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.explicit_keys_possible = "?" in text
        # Lines where a comment may follow a value: most files have none, and need no split.
        self.comment_lines = _comment_line_numbers(text)

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def plain(self, node: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Unusual
        kind = node.__class__
        if kind is yaml.ScalarNode:
            if not node.style:
                if node.end_mark.line in self.comment_lines:
                    self._no_comment_after(node)
                if node.value[:1] in _TYPED_START and _TYPED_PLAIN.fullmatch(node.value):
                    raise _Unusual
            return node.value
        if kind is yaml.SequenceNode:
            return [self.plain(item, depth + 1) for item in node.value]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode:
                raise _Unusual
            key = key_node.value
            if key in result or not key.strip():
                raise _Unusual
            if self.explicit_keys_possible:
                self._not_explicit(key_node)
            result[key] = self.plain(value_node, depth + 1)
        return result

    def _no_comment_after(self, node: Any) -> None:
        end = node.end_mark
        if _comment_after(self.lines, end.line, end.column):
            raise _Unusual

    def _not_explicit(self, key_node: Any) -> None:
        mark = key_node.start_mark
        if _question_mark_before(self.lines, mark.line, mark.column):
            raise _Unusual

# ---------------------------------------------------------------------- entry points


def load_yaml_text(
    data: bytes, display: str, *, reader: Reader = "fast"
) -> tuple[LoadedFile | None, list[Problem]]:
    """Load a record from bytes; (file, []) if all is well, else (None, every problem).

    With no file behind the bytes, the result's `path` is `Path(display)`.
    """
    return _load(data, display, Path(display), reader)


def load_yaml_file(
    path: Path, display: str, *, reader: Reader = "fast"
) -> tuple[LoadedFile | None, list[Problem]]:
    """Load a record file; (file, []) if all is well, else (None, every problem)."""
    data = read_record_bytes(path, display)
    if isinstance(data, Problem):
        return None, [data]
    return _load(data, display, path, reader)


def read_record_bytes(path: Path, display: str) -> bytes | Problem:
    """A record file's bytes, or why they may not be read (a link, too big, unreadable)."""
    try:
        return files.read_regular_file(path, display)
    except Exception as error:  # hostile input must never crash the build
        return _internal_problem(error, display)


def load_yaml_bytes(
    data: bytes, display: str, path: Path, *, reader: Reader = "fast"
) -> tuple[LoadedFile | None, list[Problem]]:
    """Load a record from the bytes read from `path`: as load_yaml_file, without the read."""
    return _load(data, display, path, reader)


def known_file(
    path: Path, display: str, data: bytes, parsed: dict[str, Any]
) -> LoadedFile | None:
    """The loaded file for bytes that loaded without a problem before, to `parsed`.

    Its marks are found from the text when a later check needs one, as for any file.
    None if the bytes do not decode (they did when remembered): then parse them afresh.
    """
    text = files.decode_text(data, display)
    return None if isinstance(text, Problem) else LoadedFile(path, display, text, data=parsed)


def _load(
    data: bytes, display: str, path: Path, reader: Reader
) -> tuple[LoadedFile | None, list[Problem]]:
    try:
        text, problems = _checked_text(data, display)
        if problems:
            return None, problem_list.capped(problems)
        fast = _fast_data(text) if reader == "fast" else None
        if fast is not None:
            return LoadedFile(path, display, text, data=fast), []
        root, problems = _build(text, display, reader)
    except Exception as error:  # hostile input must never crash the build
        return None, [_internal_problem(error, display)]
    if root is None:
        return None, problem_list.capped(problems)
    return LoadedFile(path, display, text, root=root), []


def _checked_text(data: bytes, display: str) -> tuple[str, list[Problem]]:
    """The text, or the problems to find before the parser sees it: size, encoding,
    characters."""
    if len(data) > files.MAX_FILE_BYTES:
        return "", [files.too_big(display)]
    text = files.decode_text(data, display)
    if isinstance(text, Problem):
        return "", [text]
    return text, _character_problems(text, display)


def _internal_problem(error: BaseException, display: str) -> Problem:
    return _problem(
        display,
        _START,
        f"the file could not be read as a record ({type(error).__name__})",
        "simplify the file; if it looks fine, report this to the site maintainers",
    )
