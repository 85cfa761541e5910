#!/usr/bin/env python3
"""Convert Smithy's protocol compliance tests for error responses into fixtures.

Reads the Smithy IDL files of the source folder (by default
`../shared/data/smithy-protocol-tests` beside the repository) and writes, into
`tests/specs/smithy-suite/`:

* `<stem>.json`: a Smithy 2.0 JSON AST model with one service shape (the
  file's own declaration, or one synthesized for the file's protocol), its
  operations, their error structures and every shape their members target;
* `<stem>.cases.json`: the `@httpResponseTests` cases attached to the error
  structures (cases on operations, which are success responses, are left
  out);
* `LICENSE`: a copy of the source folder's Apache-2.0 licence.

    python3 tests/smithy/convert.py [SOURCE]          # regenerate
    python3 tests/smithy/convert.py [SOURCE] --check  # exit 1 on drift

`--check` exits 0 with a SKIPPED note when the source folder is absent.

Standard library only (Python 3.11). The IDL parser covers what Smithy's
protocol test files use and raises `IdlError` (with `file:line`) on anything
else rather than guessing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = REPO / ".." / "shared" / "data" / "smithy-protocol-tests"
DEFAULT_OUT = REPO / "tests" / "specs" / "smithy-suite"

# --------------------------------------------------------------------------
# What the converter knows about the suite
# --------------------------------------------------------------------------

# Protocol trait -> name of the service synthesized for a file that declares
# none (the names Smithy's own test services carry).
PROTOCOLS = {
    "aws.protocols#restJson1": "RestJson",
    "aws.protocols#awsJson1_0": "JsonRpc10",
    "aws.protocols#awsJson1_1": "JsonProtocol",
    "aws.protocols#restXml": "RestXml",
    "aws.protocols#awsQuery": "AwsQuery",
    "aws.protocols#ec2Query": "AwsEc2",
    "smithy.protocols#rpcv2Cbor": "RpcV2Protocol",
}
QUERY_COMPATIBLE = "aws.protocols#awsQueryCompatible"
# Smithy's AwsQuery and AwsEc2 test services declare this namespace.
XML_NAMESPACE = {"uri": "https://example.com/"}
XML_NAMESPACE_PROTOCOLS = {"aws.protocols#awsQuery", "aws.protocols#ec2Query"}

RESPONSE_TESTS = "smithy.test#httpResponseTests"
TEST_NAMESPACE = "smithy.test#"

# Files converted together: output stem -> the files (the first is the one
# with the cases) and the service of those files to keep.
GROUPS = {
    # awsJson1_0_main.smithy declares JsonRpc10, which lists the
    # GreetingWithErrors operation defined in awsJson1_0_errors.smithy.
    "awsJson1_0_errors": (
        ["awsJson1_0_errors.smithy", "awsJson1_0_main.smithy"],
        "JsonRpc10",
    ),
    # ... and QueryCompatibleJsonRpc10 (with @awsQueryCompatible), whose one
    # operation is defined in awsJson1_0_query-compatible.smithy.
    "awsJson1_0_query-compatible": (
        ["awsJson1_0_query-compatible.smithy", "awsJson1_0_main.smithy"],
        "QueryCompatibleJsonRpc10",
    ),
}
# Files that only contribute to the groups above.
HELPERS = {"awsJson1_0_main.smithy"}

PRELUDE_SHAPES = {
    "String", "Blob", "Boolean", "Byte", "Short", "Integer", "Long", "Float",
    "Double", "BigInteger", "BigDecimal", "Timestamp", "Document", "Unit",
    "PrimitiveBoolean", "PrimitiveByte", "PrimitiveShort", "PrimitiveInteger",
    "PrimitiveLong", "PrimitiveFloat", "PrimitiveDouble",
}
PRELUDE_TRAITS = {
    "addedDefault", "auth", "authDefinition", "box", "clientOptional", "cors",
    "default", "deprecated", "documentation", "endpoint", "enum", "enumValue",
    "error", "eventHeader", "eventPayload", "examples", "externalDocumentation",
    "hostLabel", "http", "httpApiKeyAuth", "httpBasicAuth", "httpBearerAuth",
    "httpChecksumRequired", "httpDigestAuth", "httpError", "httpHeader",
    "httpLabel", "httpPayload", "httpPrefixHeaders", "httpQuery",
    "httpQueryParams", "httpResponseCode", "idRef", "idempotencyToken",
    "idempotent", "input", "internal", "jsonName", "length", "mediaType",
    "mixin", "nestedProperties", "noReplace", "notProperty", "optionalAuth",
    "output", "paginated", "pattern", "private", "property",
    "protocolDefinition", "range", "readonly", "recommended", "references",
    "requestCompression", "required", "requiresLength", "resourceIdentifier",
    "retryable", "sensitive", "since", "sparse", "streaming", "suppress",
    "tags", "timestampFormat", "title", "trait", "uniqueItems", "unitType",
    "unstable", "xmlAttribute", "xmlFlattened", "xmlName", "xmlNamespace",
}
SIMPLE_TYPES = {
    "blob", "boolean", "document", "string", "byte", "short", "integer",
    "long", "float", "double", "bigInteger", "bigDecimal", "timestamp",
}

# The keys of a Smithy HttpResponseTestCase this converter carries over, in
# the order the cases file lists them (`shape` and `shape_name` are added).
CASE_KEYS = [
    "id", "protocol", "appliesTo", "params", "code", "headers",
    "forbidHeaders", "requireHeaders", "body", "bodyMediaType",
    "vendorParams", "documentation",
]
# Read, checked, and not written: vendorParamsShape names the shape that
# describes vendorParams (aws.protocoltests.config#ErrorCodeParams), which
# is not part of the models.
CASE_KEYS_DROPPED = {"vendorParamsShape"}


class IdlError(Exception):
    """A construct of the IDL that the converter does not understand."""


# --------------------------------------------------------------------------
# Lexer
# --------------------------------------------------------------------------

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
WORD_RE = re.compile(rf"{IDENT}(?:\.{IDENT})*(?:#{IDENT})?(?:\${IDENT})?")
CONTROL_RE = re.compile(rf"\${IDENT}")
NUMBER_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
ESCAPES = {'"': '"', "'": "'", "\\": "\\", "/": "/", "b": "\b", "f": "\f",
           "n": "\n", "r": "\r", "t": "\t"}


@dataclass
class Tok:
    kind: str  # word, control, str, text, num, punct, doc, eof
    value: Any
    line: int
    start: int
    end: int


class Ident(str):
    """An unquoted shape id in a node value (a syntactic shape id)."""


def unescape(text: str, where: str) -> str:
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= len(text):
            raise IdlError(f"{where}: backslash at the end of a string")
        n = text[i + 1]
        if n in ESCAPES:
            out.append(ESCAPES[n])
            i += 2
        elif n == "u":
            digits = text[i + 2:i + 6]
            if not re.fullmatch(r"[0-9A-Fa-f]{4}", digits):
                raise IdlError(f"{where}: bad unicode escape \\u{digits}")
            out.append(chr(int(digits, 16)))
            i += 6
        elif n == "\n":  # escaped new line: expands to nothing
            i += 2
        else:
            raise IdlError(f"{where}: unknown escape \\{n}")
    return "".join(out)


def text_block(raw: str, where: str) -> str:
    """The value of a text block whose content (after the opening `\"\"\"` and
    its new line, before the closing `\"\"\"`) is `raw`: Smithy's incidental
    whitespace removal (https://smithy.io/2.0/spec/idl.html#text-blocks),
    then escapes."""
    if "\t" in raw:
        raise IdlError(f"{where}: tab in a text block (incidental whitespace counts spaces)")
    lines = raw.split("\n")
    prefix = None
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        if line.strip(" ") == "" and not last:
            continue  # blank lines do not count, except the closing line
        lead = len(line) - len(line.lstrip(" "))
        prefix = lead if prefix is None else min(prefix, lead)
    prefix = prefix or 0
    lines = [line[prefix:].rstrip(" ") for line in lines]
    return unescape("\n".join(lines), where)


def tokenize(text: str, path: str) -> list[Tok]:
    toks: list[Tok] = []
    i = 0
    line = 1
    n = len(text)
    line_start = 0
    while i < n:
        c = text[i]
        where = f"{path}:{line}"
        if c == "\n":
            i += 1
            line += 1
            line_start = i
            continue
        if c in " \t,":
            i += 1
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            if text.startswith("///", i):
                if text[line_start:i].strip(" \t"):
                    raise IdlError(f"{where}: documentation comment after other text on the line")
                content = text[i + 3:end]
                if content.startswith(" "):
                    content = content[1:]
                toks.append(Tok("doc", content, line, i, end))
            i = end
            continue
        if text.startswith('"""', i):
            j = i + 3
            while j < n and text[j] == " ":
                j += 1
            if j >= n or text[j] != "\n":
                raise IdlError(f"{where}: a text block needs a new line after its opening \"\"\"")
            body_start = j + 1
            k = body_start
            while True:
                if k >= n:
                    raise IdlError(f"{where}: unterminated text block")
                if text[k] == "\\":
                    k += 2
                    continue
                if text.startswith('"""', k):
                    break
                k += 1
            value = text_block(text[body_start:k], where)
            toks.append(Tok("text", value, line, i, k + 3))
            line += text.count("\n", i, k + 3)
            i = k + 3
            line_start = text.rfind("\n", 0, i) + 1
            continue
        if c == '"':
            k = i + 1
            while True:
                if k >= n:
                    raise IdlError(f"{where}: unterminated string")
                if text[k] == "\\":
                    k += 2
                    continue
                if text[k] == '"':
                    break
                k += 1
            value = unescape(text[i + 1:k], where)
            toks.append(Tok("str", value, line, i, k + 1))
            line += text.count("\n", i, k + 1)
            i = k + 1
            line_start = text.rfind("\n", 0, i) + 1
            continue
        if text.startswith(":=", i):
            toks.append(Tok("punct", ":=", line, i, i + 2))
            i += 2
            continue
        if c in "{}[]():@=":
            toks.append(Tok("punct", c, line, i, i + 1))
            i += 1
            continue
        m = NUMBER_RE.match(text, i)
        if m and (c == "-" or c.isdigit()):
            end = m.end()
            if end < n and (text[end].isalnum() or text[end] in "_.#$"):
                raise IdlError(f"{where}: malformed number {text[i:end + 1]!r}")
            raw = m.group(0)
            value: Any = int(raw) if re.fullmatch(r"-?[0-9]+", raw) else float(raw)
            toks.append(Tok("num", value, line, i, end))
            i = end
            continue
        m = CONTROL_RE.match(text, i)
        if m:
            toks.append(Tok("control", m.group(0)[1:], line, i, m.end()))
            i = m.end()
            continue
        m = WORD_RE.match(text, i)
        if m:
            end = m.end()
            if end < n and (text[end].isalnum() or text[end] in "_.#$-"):
                raise IdlError(f"{where}: malformed identifier {text[i:end + 1]!r}")
            toks.append(Tok("word", m.group(0), line, i, end))
            i = end
            continue
        raise IdlError(f"{where}: unexpected character {c!r}")
    toks.append(Tok("eof", None, line, n, n))
    return toks


# --------------------------------------------------------------------------
# Parser: IDL -> relative, unresolved definitions
# --------------------------------------------------------------------------


@dataclass
class TraitApp:
    name: str  # as written (relative or absolute), or an absolute id for docs
    value: Any
    line: int
    absolute: bool = False


@dataclass
class Member:
    name: str
    target: str
    traits: list[TraitApp]
    line: int


@dataclass
class ShapeDef:
    type: str
    name: str
    line: int
    traits: list[TraitApp]
    members: list[Member] = field(default_factory=list)
    mixins: list[str] = field(default_factory=list)
    # operation: "input"/"output" -> name, "errors" -> names
    op: dict[str, Any] = field(default_factory=dict)
    # service: its node object
    body: dict[str, Any] = field(default_factory=dict)


@dataclass
class Apply:
    target: str
    traits: list[TraitApp]
    line: int


@dataclass
class IdlFile:
    path: Path
    version: str = ""
    namespace: str = ""
    uses: dict[str, str] = field(default_factory=dict)
    shapes: list[ShapeDef] = field(default_factory=list)
    applies: list[Apply] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    def at(self, line: int) -> str:
        return f"{self.path.name}:{line}"


class Parser:
    def __init__(self, path: Path, text: str):
        self.file = IdlFile(path)
        self.toks = tokenize(text.replace("\r\n", "\n").replace("\r", "\n"), path.name)
        self.pos = 0
        self.input_suffix = "Input"
        self.output_suffix = "Output"

    # -- token helpers
    def peek(self, k: int = 0) -> Tok:
        return self.toks[min(self.pos + k, len(self.toks) - 1)]

    def next(self) -> Tok:
        tok = self.peek()
        self.pos += 1
        return tok

    def fail(self, tok: Tok, msg: str) -> IdlError:
        return IdlError(f"{self.file.at(tok.line)}: {msg}")

    def describe(self, tok: Tok) -> str:
        if tok.kind == "eof":
            return "end of file"
        if tok.kind == "doc":
            return "a documentation comment (`///`) where it documents nothing"
        return f"{tok.kind} {tok.value!r}"

    def expect(self, kind: str, value: Any = None) -> Tok:
        tok = self.next()
        if tok.kind != kind or (value is not None and tok.value != value):
            want = repr(value) if value is not None else kind
            raise self.fail(tok, f"expected {want}, found {self.describe(tok)}")
        return tok

    def is_punct(self, value: str, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok.kind == "punct" and tok.value == value

    def word(self, what: str) -> Tok:
        tok = self.next()
        if tok.kind != "word":
            raise self.fail(tok, f"expected {what}, found {self.describe(tok)}")
        return tok

    def identifier(self, what: str) -> Tok:
        tok = self.word(what)
        if not re.fullmatch(IDENT, tok.value):
            raise self.fail(tok, f"expected {what} (an identifier), found {tok.value!r}")
        return tok

    # -- file
    def parse(self) -> IdlFile:
        f = self.file
        while self.peek().kind == "control":
            tok = self.next()
            self.expect("punct", ":")
            value = self.node()
            if tok.value == "version":
                if value not in ("2", "2.0"):
                    raise self.fail(tok, f"unsupported IDL version {value!r} (this converter reads 2.0)")
                f.version = value
            elif tok.value == "operationInputSuffix":
                self.input_suffix = value
            elif tok.value == "operationOutputSuffix":
                self.output_suffix = value
            else:
                raise self.fail(tok, f"unknown control statement ${tok.value}")
        tok = self.peek()
        if tok.kind == "word" and tok.value == "metadata":
            raise self.fail(tok, "metadata statements are not supported")
        if tok.kind == "word" and tok.value == "namespace":
            self.next()
            f.namespace = self.word("a namespace").value
            if "#" in f.namespace or "$" in f.namespace:
                raise self.fail(tok, f"bad namespace {f.namespace!r}")
        elif tok.kind != "eof":
            raise self.fail(tok, f"expected `namespace`, found {self.describe(tok)}")
        while self.peek().kind == "word" and self.peek().value == "use":
            self.next()
            tok = self.word("a shape id")
            target = tok.value
            if "#" not in target or "$" in target:
                raise self.fail(tok, f"`use` needs an absolute shape id without member, found {target!r}")
            short = target.split("#", 1)[1]
            if f.uses.get(short, target) != target:
                raise self.fail(tok, f"`use` of {target} conflicts with {f.uses[short]}")
            f.uses[short] = target
        while self.peek().kind != "eof":
            self.statement()
        if not f.namespace:
            raise IdlError(f"{f.name}: no namespace statement")
        defined = {s.name for s in f.shapes}
        for short, target in f.uses.items():
            if short in defined:
                raise IdlError(f"{f.name}: shape {short} is defined here and imported as {target}")
        return f

    def docs(self) -> list[TraitApp]:
        lines = []
        first = self.peek()
        while self.peek().kind == "doc":
            lines.append(self.next().value)
        if not lines:
            return []
        return [TraitApp("smithy.api#documentation", "\n".join(lines), first.line, absolute=True)]

    def trait_statements(self) -> list[TraitApp]:
        traits = []
        while self.is_punct("@"):
            traits.append(self.trait())
        return traits

    def trait(self) -> TraitApp:
        at = self.expect("punct", "@")
        name = self.word("a trait name")
        if name.start != at.end:
            raise self.fail(name, "whitespace between `@` and the trait name")
        if "$" in name.value:
            raise self.fail(name, f"a trait cannot be a member: {name.value}")
        value: Any = {}
        if self.is_punct("(") and self.peek().start == name.end:
            self.next()
            if self.is_punct(")"):
                value = {}
            elif self.peek().kind in ("word", "str") and self.is_punct(":", 1):
                value = {}
                while not self.is_punct(")"):
                    key, v = self.kvp()
                    if key in value:
                        raise self.fail(name, f"duplicate key {key!r} in @{name.value}")
                    value[key] = v
            else:
                value = self.node()
            self.expect("punct", ")")
        elif self.is_punct("("):
            raise self.fail(self.peek(), f"whitespace between @{name.value} and its `(`")
        return TraitApp(name.value, value, at.line)

    # -- node values
    def kvp(self) -> tuple[str, Any]:
        tok = self.next()
        if tok.kind == "word":
            if not re.fullmatch(IDENT, tok.value):
                raise self.fail(tok, f"object key {tok.value!r} is not an identifier; quote it")
        elif tok.kind != "str":
            raise self.fail(tok, f"expected an object key, found {self.describe(tok)}")
        self.expect("punct", ":")
        return tok.value, self.node()

    def node(self) -> Any:
        tok = self.next()
        if tok.kind in ("str", "text", "num"):
            return tok.value
        if tok.kind == "word":
            if tok.value == "true":
                return True
            if tok.value == "false":
                return False
            if tok.value == "null":
                return None
            return Ident(tok.value)
        if tok.kind == "punct" and tok.value == "[":
            items = []
            while not self.is_punct("]"):
                items.append(self.node())
            self.next()
            return items
        if tok.kind == "punct" and tok.value == "{":
            obj: dict[str, Any] = {}
            while not self.is_punct("}"):
                key_tok = self.peek()
                key, value = self.kvp()
                if key in obj:
                    raise self.fail(key_tok, f"duplicate key {key!r}")
                obj[key] = value
            self.next()
            return obj
        raise self.fail(tok, f"expected a node value, found {self.describe(tok)}")

    # -- statements
    def statement(self) -> None:
        tok = self.peek()
        if tok.kind == "word" and tok.value == "apply":
            self.next()
            target = self.word("a shape id")
            if self.is_punct("{"):
                self.next()
                traits = self.trait_statements()
                self.expect("punct", "}")
            else:
                traits = [self.trait()]
            self.file.applies.append(Apply(target.value, traits, tok.line))
            return
        traits = self.docs() + self.trait_statements()
        kind = self.word("a shape statement")
        name = self.identifier("a shape name")
        shape = ShapeDef(kind.value, name.value, kind.line, traits)
        t = kind.value
        if t in SIMPLE_TYPES:
            shape.mixins = self.mixins()
        elif t in ("structure", "union"):
            if self.peek().kind == "word" and self.peek().value == "for":
                raise self.fail(self.peek(), "structures bound to resources (`for`) are not supported")
            shape.mixins = self.mixins()
            shape.members = self.members(allow_docs=True)
        elif t == "list":
            shape.mixins = self.mixins()
            shape.members = self.members(allow_docs=True, only={"member"}, required={"member"})
        elif t == "map":
            shape.mixins = self.mixins()
            shape.members = self.members(allow_docs=True, only={"key", "value"}, required={"key", "value"})
        elif t == "operation":
            shape.mixins = self.mixins()
            self.operation_body(shape)
        elif t == "service":
            shape.mixins = self.mixins()
            body = self.node_object_at()
            for key in body:
                if key not in ("version", "operations", "errors", "rename"):
                    raise self.fail(kind, f"service key {key!r} is not supported")
            shape.body = body
        else:
            raise self.fail(kind, f"shape type {t!r} is not supported")
        self.file.shapes.append(shape)

    def node_object_at(self) -> dict[str, Any]:
        if not self.is_punct("{"):
            raise self.fail(self.peek(), f"expected `{{`, found {self.describe(self.peek())}")
        return self.node()

    def mixins(self) -> list[str]:
        if not (self.peek().kind == "word" and self.peek().value == "with"):
            return []
        self.next()
        self.expect("punct", "[")
        names = []
        while not self.is_punct("]"):
            names.append(self.word("a mixin shape id").value)
        self.next()
        return names

    def members(self, allow_docs: bool, only: set[str] | None = None,
                required: set[str] | None = None) -> list[Member]:
        self.expect("punct", "{")
        members: list[Member] = []
        while not self.is_punct("}"):
            traits = (self.docs() if allow_docs else []) + self.trait_statements()
            tok = self.peek()
            if tok.kind == "control":
                raise self.fail(tok, f"elided member ${tok.value} is not supported")
            name = self.identifier("a member name")
            if only is not None and name.value not in only:
                raise self.fail(name, f"unexpected member {name.value!r}")
            if any(m.name == name.value for m in members):
                raise self.fail(name, f"duplicate member {name.value!r}")
            self.expect("punct", ":")
            target = self.word("a target shape id")
            if "$" in target.value:
                raise self.fail(target, f"a member cannot target a member: {target.value}")
            if self.is_punct("="):
                eq = self.next()
                default = self.node()
                if any(t.name in ("default", "smithy.api#default") for t in traits):
                    raise self.fail(eq, f"member {name.value} has both `=` and @default")
                traits.append(TraitApp("smithy.api#default", default, eq.line, absolute=True))
            members.append(Member(name.value, target.value, traits, name.line))
        self.next()
        if required is not None:
            missing = required - {m.name for m in members}
            if missing:
                raise self.fail(self.peek(-1), f"missing member(s) {sorted(missing)}")
        return members

    def operation_body(self, shape: ShapeDef) -> None:
        self.expect("punct", "{")
        while not self.is_punct("}"):
            key = self.word("`input`, `output` or `errors`")
            if key.value in shape.op:
                raise self.fail(key, f"duplicate operation key {key.value!r}")
            if key.value in ("input", "output"):
                if self.is_punct(":="):
                    self.next()
                    suffix = self.input_suffix if key.value == "input" else self.output_suffix
                    traits = self.trait_statements()
                    traits.append(TraitApp(f"smithy.api#{key.value}", {}, key.line, absolute=True))
                    inline = ShapeDef("structure", shape.name + suffix, key.line, traits)
                    inline.mixins = self.mixins()
                    inline.members = self.members(allow_docs=True)
                    self.file.shapes.append(inline)
                    shape.op[key.value] = inline.name
                else:
                    self.expect("punct", ":")
                    target = self.word("a shape id")
                    shape.op[key.value] = target.value
            elif key.value == "errors":
                self.expect("punct", ":")
                self.expect("punct", "[")
                names = []
                while not self.is_punct("]"):
                    names.append(self.word("an error shape id").value)
                self.next()
                shape.op["errors"] = names
            else:
                raise self.fail(key, f"operation key {key.value!r} is not supported")
        self.next()


def parse_file(path: Path) -> IdlFile:
    return Parser(path, path.read_text(encoding="utf-8")).parse()


# --------------------------------------------------------------------------
# Model: resolve the definitions of a group of files into a JSON AST
# --------------------------------------------------------------------------


@dataclass
class Case:
    shape: str
    value: dict[str, Any]
    file: IdlFile
    line: int
    order: tuple[int, int, int]


class Group:
    """The files of one output: definitions merged, references resolved."""

    def __init__(self, stem: str, files: list[IdlFile]):
        self.stem = stem
        self.files = files
        self.defs: dict[str, tuple[ShapeDef, IdlFile]] = {}
        for f in files:
            for s in f.shapes:
                sid = f"{f.namespace}#{s.name}"
                if sid in self.defs:
                    other = self.defs[sid][1]
                    raise IdlError(f"{f.at(s.line)}: {sid} is also defined in {other.name}")
                self.defs[sid] = (s, f)

    # -- ids
    def resolve(self, name: str, f: IdlFile, line: int, kind: str) -> str:
        """Relative shape id resolution (use, namespace, prelude)."""
        if "$" in name:
            raise IdlError(f"{f.at(line)}: unexpected member id {name}")
        if "#" in name:
            return name
        if name in f.uses:
            return f.uses[name]
        local = f"{f.namespace}#{name}"
        if local in self.defs:
            return local
        prelude = PRELUDE_TRAITS if kind == "trait" else PRELUDE_SHAPES
        if name in prelude:
            return f"smithy.api#{name}"
        raise IdlError(f"{f.at(line)}: cannot resolve {kind} {name!r} (not imported, "
                       f"not defined in {f.namespace} by {', '.join(x.name for x in self.files)}, "
                       "not in the prelude)")

    def node_ids(self, value: Any, f: IdlFile, line: int) -> Any:
        """A trait value with its syntactic shape ids made absolute."""
        if isinstance(value, Ident):
            return self.resolve(value, f, line, "shape")
        if isinstance(value, list):
            return [self.node_ids(v, f, line) for v in value]
        if isinstance(value, dict):
            return {k: self.node_ids(v, f, line) for k, v in value.items()}
        return value

    # -- traits
    def traits(self, apps: list[tuple[TraitApp, IdlFile]], owner: str,
               tests: list[tuple[str, Any, IdlFile, int]] | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for app, f in apps:
            tid = app.name if app.absolute else self.resolve(app.name, f, app.line, "trait")
            if tid.startswith(TEST_NAMESPACE):
                if tests is None:
                    raise IdlError(f"{f.at(app.line)}: {tid} on a member")
                tests.append((tid, app.value, f, app.line))
                continue
            value = self.node_ids(app.value, f, app.line)
            if tid in out and out[tid] != value:
                if isinstance(out[tid], list) and isinstance(value, list):
                    out[tid] = out[tid] + value  # list traits merge
                else:
                    raise IdlError(f"{f.at(app.line)}: conflicting values of {tid} on {owner}")
            else:
                out[tid] = value
        return dict(sorted(out.items()))

    def applied(self) -> dict[str, list[tuple[TraitApp, IdlFile]]]:
        """Traits of `apply` statements by absolute (member) id."""
        out: dict[str, list[tuple[TraitApp, IdlFile]]] = {}
        for f in self.files:
            for a in f.applies:
                base, _, member = a.target.partition("$")
                sid = self.resolve(base, f, a.line, "shape")
                if sid not in self.defs:
                    raise IdlError(f"{f.at(a.line)}: apply to {sid}, which these files do not define")
                shape = self.defs[sid][0]
                if member and not any(m.name == member for m in shape.members):
                    raise IdlError(f"{f.at(a.line)}: apply to {a.target}: no such member")
                key = f"{sid}${member}" if member else sid
                out.setdefault(key, []).extend((t, f) for t in a.traits)
        return out

    def build(self, service_name: str | None) -> tuple[dict[str, Any], list[Case], dict[str, Any]]:
        applied = self.applied()
        shapes: dict[str, dict[str, Any]] = {}
        tests: dict[str, list[tuple[str, Any, IdlFile, int]]] = {}
        for sid, (s, f) in self.defs.items():
            found: list[tuple[str, Any, IdlFile, int]] = []
            apps = [(t, f) for t in s.traits] + applied.get(sid, [])
            shapes[sid] = self.shape_json(sid, s, f, self.traits(apps, sid, found), applied)
            if found:
                tests[sid] = found

        primary = self.files[0]
        # The cases and their protocol.
        cases: list[Case] = []
        skipped_success = 0
        skipped_other: list[str] = []
        for sid, found in tests.items():
            shape = shapes[sid]
            for tid, value, f, line in found:
                if tid != RESPONSE_TESTS:
                    skipped_other.append(f"{tid} on {sid}")
                    continue
                if shape["type"] == "operation":
                    skipped_success += len(value)
                    continue
                if shape["type"] != "structure" or "smithy.api#error" not in shape.get("traits", {}):
                    raise IdlError(f"{f.at(line)}: {RESPONSE_TESTS} on {sid}, neither an operation nor an error")
                if not isinstance(value, list):
                    raise IdlError(f"{f.at(line)}: {RESPONSE_TESTS} must be a list")
                for k, item in enumerate(value):
                    cases.append(Case(sid, item, f, line, (self.files.index(f), line, k)))
        cases.sort(key=lambda c: c.order)
        protocols = {self.case_protocol(c) for c in cases}
        if len(protocols) > 1:
            raise IdlError(f"{primary.name}: cases of several protocols: {sorted(protocols)}")
        protocol = protocols.pop() if protocols else None

        # The service.
        notes: dict[str, Any] = {"skipped_success_cases": skipped_success,
                                 "skipped_test_traits": skipped_other}
        services = {sid: sh for sid, sh in shapes.items() if sh["type"] == "service"}
        if service_name is not None:
            sid = f"{primary.namespace}#{service_name}"
            if sid not in services:
                raise IdlError(f"{primary.name}: service {service_name} is not declared by "
                               f"{', '.join(x.name for x in self.files)}")
        elif len({sid for sid in services if self.defs[sid][1] is primary}) == 1:
            sid = next(sid for sid in services if self.defs[sid][1] is primary)
        elif services:
            raise IdlError(f"{primary.name}: several services, name the one to keep in GROUPS")
        else:
            sid = None
        if sid is not None:
            service = shapes[sid]
            notes["service"] = f"declared in {self.defs[sid][1].name}"
            declared = service.get("operations", [])
            kept = [o for o in declared if o["target"] in shapes]
            notes["dropped_operations"] = [o["target"] for o in declared if o["target"] not in shapes]
            if "operations" in service:
                service["operations"] = kept
        else:
            if protocol is None:
                raise IdlError(f"{primary.name}: no service and no cases to take a protocol from")
            sid = f"{primary.namespace}#{PROTOCOLS[protocol]}"
            if sid in shapes:
                raise IdlError(f"{primary.name}: {sid} exists but is not a service")
            traits: dict[str, Any] = {protocol: {}}
            if protocol in XML_NAMESPACE_PROTOCOLS:
                traits["smithy.api#xmlNamespace"] = dict(XML_NAMESPACE)
            if is_query_compatible(self.stem):
                traits[QUERY_COMPATIBLE] = {}
            ops = [{"target": f"{f.namespace}#{s.name}"} for f in self.files for s in f.shapes
                   if s.type == "operation"]
            service = {"type": "service", "operations": ops, "traits": dict(sorted(traits.items()))}
            shapes[sid] = service
            notes["service"] = "synthesized"
            notes["dropped_operations"] = []
        straits = service.get("traits", {})
        if protocol is not None and protocol not in straits:
            raise IdlError(f"{primary.name}: service {sid} lacks the cases' protocol trait {protocol}")
        if is_query_compatible(self.stem) and QUERY_COMPATIBLE not in straits:
            raise IdlError(f"{primary.name}: service {sid} of a query-compatible file lacks {QUERY_COMPATIBLE}")
        if protocol is None:
            protocol = next((p for p in PROTOCOLS if p in straits), None)
        notes["service_id"] = sid
        notes["protocol"] = protocol

        # Keep what the service reaches.
        keep = closure(sid, shapes)
        notes["dropped_shapes"] = sorted(s for s in shapes if s not in keep)
        for c in cases:
            if c.shape not in keep:
                raise IdlError(f"{c.file.at(c.line)}: {c.shape} has cases but {sid} does not reach it")
        model = {"smithy": "2.0", "shapes": {s: shapes[s] for s in sorted(keep)}}
        return model, cases, notes

    def case_protocol(self, c: Case) -> str:
        raw = c.value.get("protocol") if isinstance(c.value, dict) else None
        if not isinstance(raw, str):
            raise IdlError(f"{c.file.at(c.line)}: a case without a protocol")
        pid = self.resolve(raw, c.file, c.line, "trait")
        if pid not in PROTOCOLS:
            raise IdlError(f"{c.file.at(c.line)}: unknown protocol {pid}")
        return pid

    def member_json(self, owner: str, m: Member, f: IdlFile,
                    applied: dict[str, list[tuple[TraitApp, IdlFile]]]) -> dict[str, Any]:
        mid = f"{owner}${m.name}"
        out: dict[str, Any] = {"target": self.resolve(m.target, f, m.line, "shape")}
        traits = self.traits([(t, f) for t in m.traits] + applied.get(mid, []), mid, None)
        if traits:
            out["traits"] = traits
        return out

    def shape_json(self, sid: str, s: ShapeDef, f: IdlFile, traits: dict[str, Any],
                   applied: dict[str, list[tuple[TraitApp, IdlFile]]]) -> dict[str, Any]:
        out: dict[str, Any] = {"type": s.type}
        if s.mixins:
            out["mixins"] = [{"target": self.resolve(x, f, s.line, "shape")} for x in s.mixins]
        if s.type in ("structure", "union"):
            out["members"] = {m.name: self.member_json(sid, m, f, applied) for m in s.members}
        elif s.type == "list":
            out["member"] = self.member_json(sid, s.members[0], f, applied)
        elif s.type == "map":
            by_name = {m.name: m for m in s.members}
            out["key"] = self.member_json(sid, by_name["key"], f, applied)
            out["value"] = self.member_json(sid, by_name["value"], f, applied)
        elif s.type == "operation":
            for key in ("input", "output"):
                if key in s.op:
                    out[key] = {"target": self.resolve(s.op[key], f, s.line, "shape")}
            if "errors" in s.op:
                out["errors"] = [{"target": self.resolve(e, f, s.line, "shape")} for e in s.op["errors"]]
        elif s.type == "service":
            body = s.body
            if "version" in body:
                if not isinstance(body["version"], str) or isinstance(body["version"], Ident):
                    raise IdlError(f"{f.at(s.line)}: service version must be a quoted string")
                out["version"] = body["version"]
            for key in ("operations", "errors"):
                if key in body:
                    out[key] = [{"target": self.service_ref(x, f, s.line)} for x in body[key]]
            if "rename" in body:
                out["rename"] = {self.resolve(k, f, s.line, "shape"): v for k, v in body["rename"].items()}
        if traits:
            out["traits"] = traits
        return out

    def service_ref(self, name: Any, f: IdlFile, line: int) -> str:
        """A service's operation: one that none of these files define (the
        service lists operations of files not in the suite) resolves into the
        namespace, as Smithy would with the whole model loaded."""
        if not isinstance(name, Ident):
            raise IdlError(f"{f.at(line)}: service references must be unquoted shape ids, found {name!r}")
        if "#" in name or name in f.uses:
            return self.resolve(name, f, line, "shape")
        return f"{f.namespace}#{name}"


def is_query_compatible(stem: str) -> bool:
    return "query-compatible" in stem and "non-query-compatible" not in stem


def closure(root: str, shapes: dict[str, dict[str, Any]]) -> set[str]:
    keep: set[str] = set()
    pending = [root]
    while pending:
        sid = pending.pop()
        if sid in keep:
            continue
        if sid.startswith("smithy.api#") and sid.split("#", 1)[1] in PRELUDE_SHAPES:
            continue
        if sid not in shapes:
            raise IdlError(f"{root}: reaches {sid}, which is not in the model")
        keep.add(sid)
        s = shapes[sid]
        refs: list[dict[str, Any]] = []
        refs += s.get("mixins", [])
        refs += list(s.get("members", {}).values())
        refs += [s[k] for k in ("member", "key", "value", "input", "output") if k in s]
        refs += s.get("errors", []) + s.get("operations", [])
        pending += [r["target"] for r in refs]
    return keep


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------


def plain(value: Any, where: str, what: str) -> Any:
    """A node value without syntactic shape ids (cases are data)."""
    if isinstance(value, Ident):
        raise IdlError(f"{where}: unquoted shape id {value!r} in {what}; expected data")
    if isinstance(value, list):
        return [plain(v, where, what) for v in value]
    if isinstance(value, dict):
        return {k: plain(v, where, what) for k, v in value.items()}
    return value


def case_json(group: Group, c: Case) -> dict[str, Any]:
    v = c.value
    where = c.file.at(c.line)
    if not isinstance(v, dict):
        raise IdlError(f"{where}: a case must be an object")
    unknown = set(v) - set(CASE_KEYS) - CASE_KEYS_DROPPED
    if unknown:
        raise IdlError(f"{where}: case {v.get('id')!r}: keys {sorted(unknown)} are not converted")
    for key in ("id", "protocol", "code"):
        if key not in v:
            raise IdlError(f"{where}: case {v.get('id')!r} has no {key!r}")
    cid = v["id"]
    where = f"{where} (case {cid})"
    if "vendorParamsShape" in v:
        group.resolve(v["vendorParamsShape"], c.file, c.line, "shape")  # must resolve
    out: dict[str, Any] = {}
    for key in CASE_KEYS:
        if key == "protocol":
            out["protocol"] = group.case_protocol(c)
            out["shape"] = c.shape
            out["shape_name"] = c.shape.split("#", 1)[1]
            continue
        if key not in v:
            if key == "params":
                out["params"] = {}
            elif key == "headers":
                out["headers"] = {}
            elif key == "body":
                out["body"] = ""
            continue
        value = plain(v[key], where, key)
        if key in ("id", "appliesTo", "body", "bodyMediaType", "documentation") and not isinstance(value, str):
            raise IdlError(f"{where}: {key} must be a string")
        if key == "appliesTo" and value not in ("client", "server"):
            raise IdlError(f"{where}: appliesTo must be client or server")
        if key == "code" and (not isinstance(value, int) or isinstance(value, bool)):
            raise IdlError(f"{where}: code must be an integer")
        if key == "headers" and not (isinstance(value, dict) and all(isinstance(x, str) for x in value.values())):
            raise IdlError(f"{where}: headers must be an object of strings")
        if key in ("forbidHeaders", "requireHeaders") and not (
                isinstance(value, list) and all(isinstance(x, str) for x in value)):
            raise IdlError(f"{where}: {key} must be a list of strings")
        if key in ("params", "vendorParams") and not isinstance(value, dict):
            raise IdlError(f"{where}: {key} must be an object")
        out[key] = value
    return out


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------


def validate(stem: str, model: dict[str, Any], cases: list[dict[str, Any]]) -> None:
    shapes = model["shapes"]

    def target_ok(t: str) -> bool:
        return t in shapes or (t.startswith("smithy.api#") and t.split("#", 1)[1] in PRELUDE_SHAPES)

    services = [s for s, sh in shapes.items() if sh["type"] == "service"]
    if len(services) != 1:
        raise IdlError(f"{stem}: expected one service, found {services}")
    service = shapes[services[0]]
    for sid, sh in shapes.items():
        members = list(sh.get("members", {}).items())
        members += [(k, sh[k]) for k in ("member", "key", "value") if k in sh]
        for name, m in members:
            if not target_ok(m["target"]):
                raise IdlError(f"{stem}: {sid}${name} targets {m['target']}, not in the model")
        for key in ("input", "output"):
            if key in sh and sh[key]["target"] not in shapes:
                raise IdlError(f"{stem}: {sid} {key} {sh[key]['target']} not in the model")
        for e in sh.get("errors", []):
            t = shapes.get(e["target"])
            if t is None or "smithy.api#error" not in t.get("traits", {}):
                raise IdlError(f"{stem}: {sid} lists {e['target']}, not an error shape of the model")
        for o in sh.get("operations", []):
            if shapes.get(o["target"], {}).get("type") != "operation":
                raise IdlError(f"{stem}: {sid} lists {o['target']}, not an operation of the model")
        for t in sh.get("traits", {}):
            if t.startswith(TEST_NAMESPACE):
                raise IdlError(f"{stem}: {sid} keeps test trait {t}")
    ids = set()
    for c in cases:
        if c["id"] in ids:
            raise IdlError(f"{stem}: duplicate case id {c['id']}")
        ids.add(c["id"])
        shape = shapes.get(c["shape"])
        if shape is None or "smithy.api#error" not in shape.get("traits", {}):
            raise IdlError(f"{stem}: case {c['id']}: {c['shape']} is not an error shape of the model")
        if c["protocol"] not in service.get("traits", {}):
            raise IdlError(f"{stem}: case {c['id']}: the service lacks {c['protocol']}")
        reached = any(c["shape"] == e["target"] for sh in shapes.values() for e in sh.get("errors", []))
        if not reached:
            raise IdlError(f"{stem}: case {c['id']}: no operation lists {c['shape']}")


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------


def dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def convert(source: Path) -> tuple[dict[str, str], list[str]]:
    """The files to write (name -> text) and the summary lines."""
    paths = sorted(source.glob("*.smithy"))
    if not paths:
        raise IdlError(f"{source}: no .smithy files")
    parsed = {p.name: parse_file(p) for p in paths}
    for stem, (names, _) in GROUPS.items():
        for name in names:
            if name not in parsed:
                raise IdlError(f"{source}: {name} (for {stem}) is missing")
    plan: list[tuple[str, list[str], str | None]] = []
    grouped = {n for names, _ in GROUPS.values() for n in names}
    for name in sorted(parsed):
        stem = name.removesuffix(".smithy")
        if stem in GROUPS:
            names, service = GROUPS[stem]
            plan.append((stem, names, service))
        elif name in HELPERS:
            continue
        elif name in grouped:
            raise IdlError(f"{name}: grouped but neither a group's first file nor a helper")
        else:
            plan.append((stem, [name], None))

    files: dict[str, str] = {}
    summary: list[str] = []
    totals: dict[str, int] = {}
    rows = []
    for stem, names, service in plan:
        group = Group(stem, [parsed[n] for n in names])
        model, cases, notes = group.build(service)
        case_objs = [case_json(group, c) for c in cases]
        if not case_objs:
            summary.append(f"skipped {names[0]}: no httpResponseTests on error structures"
                           f" ({notes['skipped_success_cases']} success cases)")
            continue
        validate(stem, model, case_objs)
        files[f"{stem}.json"] = dumps(model)
        files[f"{stem}.cases.json"] = dumps(case_objs)
        proto = notes["protocol"]
        totals[proto] = totals.get(proto, 0) + len(case_objs)
        errors = sum(1 for s in model["shapes"].values() if "smithy.api#error" in s.get("traits", {}))
        rows.append((stem, " + ".join(names), notes["service_id"], notes["service"], proto,
                     len(model["shapes"]), errors, len(case_objs), notes))
    for helper in sorted(HELPERS):
        users = [stem for stem, (names, _) in GROUPS.items() if helper in names]
        summary.append(f"not converted on its own: {helper} (merged into {', '.join(users)})")

    lines = ["| output | from | service | protocol | shapes | errors | cases |",
             "| --- | --- | --- | --- | ---: | ---: | ---: |"]
    for stem, src, sid, how, proto, nshapes, nerr, ncases, _ in rows:
        lines.append(f"| {stem} | {src} | {sid} ({how}) | {proto} | {nshapes} | {nerr} | {ncases} |")
    lines.append("")
    for stem, *_, notes in rows:
        extra = []
        if notes["skipped_success_cases"]:
            extra.append(f"{notes['skipped_success_cases']} success-response case(s) skipped")
        if notes["dropped_operations"]:
            extra.append(f"service operations not in these files dropped: "
                         f"{len(notes['dropped_operations'])}")
        if notes["dropped_shapes"]:
            extra.append("unreached shapes dropped: " + ", ".join(notes["dropped_shapes"]))
        if notes["skipped_test_traits"]:
            extra.append("other test traits dropped: " + ", ".join(notes["skipped_test_traits"]))
        if extra:
            lines.append(f"{stem}: " + "; ".join(extra))
    lines.append("")
    lines.extend(summary)
    lines.append("")
    lines.append("cases per protocol: " + ", ".join(f"{p} {n}" for p, n in sorted(totals.items())))
    lines.append(f"total: {len(rows) * 2} fixture files, {sum(r[5] for r in rows)} shapes, "
                 f"{sum(totals.values())} cases")
    files["LICENSE"] = (source / "LICENSE").read_text(encoding="utf-8")
    return files, lines


def owned(out: Path) -> set[str]:
    """The files in the output folder that the converter writes."""
    if not out.is_dir():
        return set()
    return {p.name for p in out.iterdir() if p.suffix == ".json" or p.name == "LICENSE"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                    help="folder of Smithy protocol test files (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="compare with the committed fixtures instead of writing them")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="fixture folder (default: %(default)s)")
    ap.add_argument("--quiet", action="store_true", help="print no summary")
    args = ap.parse_args(argv)
    source = args.source.resolve()
    out = args.out.resolve()
    if not source.is_dir():
        if args.check:
            print(f"SKIPPED: the source folder {source} is absent; nothing to check")
            return 0
        print(f"error: the source folder {source} is absent", file=sys.stderr)
        return 2
    try:
        files, summary = convert(source)
    except IdlError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        print("\n".join(summary))
    stale = sorted(owned(out) - set(files))
    if args.check:
        drift = []
        for name, text in sorted(files.items()):
            path = out / name
            if not path.exists():
                drift.append(f"missing: {path}")
                continue
            old = path.read_text(encoding="utf-8")
            if old != text:
                diff = list(difflib.unified_diff(old.splitlines(), text.splitlines(),
                                                 f"committed/{name}", f"generated/{name}", lineterm="", n=1))
                changed = sum(1 for d in diff if d[:1] in "+-" and d[:3] not in ("+++", "---"))
                drift.append(f"differs: {path} ({changed} changed lines)")
                drift.extend("    " + d for d in diff[:30])
                if len(diff) > 30:
                    drift.append(f"    ... {len(diff) - 30} more diff lines")
        drift += [f"stale (not generated): {out / name}" for name in stale]
        if drift:
            print(f"\nFAILED: the fixtures in {out} differ from what "
                  f"`python3 tests/smithy/convert.py` would write:", file=sys.stderr)
            print("\n".join(drift), file=sys.stderr)
            return 1
        print(f"\nOK: {len(files)} files in {out} are up to date")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (out / name).unlink()
        print(f"removed stale {out / name}")
    written = 0
    for name, text in sorted(files.items()):
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written += 1
    print(f"\nwrote {written} of {len(files)} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
