"""Athena's column types (as synth writes them, e.g. `decimal(10,2)`, `array<struct<sku:string,qty:int>>`),
parsed once and mapped to what each reader and writer needs: the Arrow type Parquet is written with,
DuckDB's type for the local lake, and the check (and conversion) of one Python value.

Timestamps are UTC instants: a value must be an aware datetime; it is stored as Athena's zone-less
`timestamp` holding the UTC time, in milliseconds (what Athena reads from Parquet), so Athena, Hive's
JSON reader and DuckDB all show the UTC wall time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa


class Mismatch(Exception):
    """A value that does not fit its type: what was expected, and where inside a nested value."""

    def __init__(self, expected: str, value: object, path: str = "") -> None:
        super().__init__(expected)
        self.expected = expected
        self.value = value
        self.path = path


_INTEGER_RANGES = {"tinyint": 8, "smallint": 16, "int": 32, "bigint": 64}
_ARROW_PRIMITIVES: dict[str, pa.DataType] = {
    "boolean": pa.bool_(),
    "tinyint": pa.int8(),
    "smallint": pa.int16(),
    "int": pa.int32(),
    "bigint": pa.int64(),
    "float": pa.float32(),
    "double": pa.float64(),
    "string": pa.string(),
    "binary": pa.binary(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("ms"),
}
_DUCKDB_PRIMITIVES = {
    "boolean": "BOOLEAN",
    "tinyint": "TINYINT",
    "smallint": "SMALLINT",
    "int": "INTEGER",
    "bigint": "BIGINT",
    "float": "FLOAT",
    "double": "DOUBLE",
    "string": "VARCHAR",
    "binary": "BLOB",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
}


class AthenaType:
    """One parsed type. `text` is its normal form (lowercase, no spaces), as Glue stores it."""

    text: str

    def arrow(self) -> pa.DataType:
        raise NotImplementedError

    def duckdb(self) -> str:
        raise NotImplementedError

    def convert(self, value: Any) -> Any:
        """The value as Arrow takes it for this type; raises Mismatch when it does not fit. Never None."""
        raise NotImplementedError


@dataclass(frozen=True)
class Primitive(AthenaType):
    text: str

    def arrow(self) -> pa.DataType:
        return _ARROW_PRIMITIVES[self.text]

    def duckdb(self) -> str:
        return _DUCKDB_PRIMITIVES[self.text]

    def convert(self, value: Any) -> Any:
        kind = self.text
        if kind == "string":
            if isinstance(value, str):
                return value
            raise Mismatch("a str", value)
        if kind in _INTEGER_RANGES:
            if isinstance(value, int) and not isinstance(value, bool):
                bits = _INTEGER_RANGES[kind]
                if -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):
                    return value
                raise Mismatch(f"an int from {-(2 ** (bits - 1))} to {2 ** (bits - 1) - 1}", value)
            raise Mismatch("an int", value)
        if kind in ("double", "float"):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            raise Mismatch("a float (or int)", value)
        if kind == "boolean":
            if isinstance(value, bool):
                return value
            raise Mismatch("a bool", value)
        if kind == "timestamp":
            return _utc_millis(value)
        if kind == "date":
            if isinstance(value, date) and not isinstance(value, datetime):
                return value
            raise Mismatch("a datetime.date (not a datetime)", value)
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        raise Mismatch("bytes", value)


def _utc_millis(value: Any) -> datetime:
    if not isinstance(value, datetime):
        raise Mismatch("an aware datetime (UTC), e.g. datetime(2026, 12, 1, 10, tzinfo=timezone.utc)", value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise Mismatch("an aware datetime (with tzinfo, e.g. timezone.utc); a naive one could be any zone", value)
    utc = value.astimezone(UTC).replace(tzinfo=None)
    return utc.replace(microsecond=utc.microsecond // 1000 * 1000)


@dataclass(frozen=True)
class Text(AthenaType):
    """`char(n)` and `varchar(n)`: strings of at most n characters."""

    text: str
    length: int

    def arrow(self) -> pa.DataType:
        return pa.string()

    def duckdb(self) -> str:
        return "VARCHAR"

    def convert(self, value: Any) -> Any:
        if isinstance(value, str) and len(value) <= self.length:
            return value
        raise Mismatch(f"a str of at most {self.length} characters", value)


@dataclass(frozen=True)
class DecimalType(AthenaType):
    text: str
    precision: int
    scale: int

    def arrow(self) -> pa.DataType:
        return pa.decimal128(self.precision, self.scale)

    def duckdb(self) -> str:
        return f"DECIMAL({self.precision},{self.scale})"

    def convert(self, value: Any) -> Any:
        expected = f"a Decimal with at most {self.precision - self.scale} integer digits and {self.scale} decimal places (or an int)"
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        if not isinstance(value, Decimal) or not value.is_finite():
            raise Mismatch(expected, value)
        _sign, digits, exponent = value.normalize().as_tuple()
        if not isinstance(exponent, int):
            raise Mismatch(expected, value)
        places = max(0, -exponent)
        integer_digits = len(digits) + exponent if len(digits) + exponent > 0 else 0
        if places > self.scale or integer_digits > self.precision - self.scale:
            raise Mismatch(expected, value)
        return value


@dataclass(frozen=True)
class ArrayType(AthenaType):
    text: str
    element: AthenaType

    def arrow(self) -> pa.DataType:
        return pa.list_(self.element.arrow())

    def duckdb(self) -> str:
        return f"{self.element.duckdb()}[]"

    def convert(self, value: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise Mismatch(f"a list (of {self.element.text})", value)
        return [None if item is None else _nested(self.element, item, f"[{index}]") for index, item in enumerate(value)]


@dataclass(frozen=True)
class MapType(AthenaType):
    text: str
    key: AthenaType
    value: AthenaType

    def arrow(self) -> pa.DataType:
        return pa.map_(self.key.arrow(), self.value.arrow())

    def duckdb(self) -> str:
        return f"MAP({self.key.duckdb()}, {self.value.duckdb()})"

    def convert(self, value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise Mismatch(f"a dict ({self.key.text} to {self.value.text})", value)
        pairs = []
        for key, item in value.items():
            if key is None:
                raise Mismatch(f"a {self.key.text} key, not None", key, "{None}")
            pairs.append((_nested(self.key, key, f"{{{key!r}}}"), None if item is None else _nested(self.value, item, f"[{key!r}]")))
        return pairs


@dataclass(frozen=True)
class StructType(AthenaType):
    text: str
    fields: tuple[tuple[str, AthenaType], ...]

    def arrow(self) -> pa.DataType:
        return pa.struct([pa.field(name, kind.arrow()) for name, kind in self.fields])

    def duckdb(self) -> str:
        return "STRUCT(" + ", ".join(f'"{name}" {kind.duckdb()}' for name, kind in self.fields) + ")"

    def convert(self, value: Any) -> Any:
        names = [name for name, _ in self.fields]
        if not isinstance(value, Mapping):
            raise Mismatch(f"a dict with the fields {', '.join(names)}", value)
        extra = [key for key in value if key not in names]
        if extra:
            raise Mismatch(f"only the fields {', '.join(names)}", value[extra[0]], f".{extra[0]}")
        return {name: None if value.get(name) is None else _nested(kind, value[name], f".{name}") for name, kind in self.fields}


def _nested(kind: AthenaType, value: Any, step: str) -> Any:
    try:
        return kind.convert(value)
    except Mismatch as mismatch:
        raise Mismatch(mismatch.expected, mismatch.value, step + mismatch.path) from None


class _Parser:
    _TOKEN = re.compile(r"\s*([a-z_][a-z0-9_]*|\d+|[<>(),:])", re.IGNORECASE)

    def __init__(self, source: str) -> None:
        self.tokens = self._tokenize(source)
        self.position = 0

    def _tokenize(self, source: str) -> list[str]:
        tokens, position = [], 0
        while position < len(source):
            if source[position:].strip() == "":
                break
            match = self._TOKEN.match(source, position)
            if not match:
                raise ValueError(f"unexpected {source[position:].strip()[:1]!r} at position {position + 1}")
            tokens.append(match.group(1).lower())
            position = match.end()
        return tokens

    def parse(self) -> AthenaType:
        kind = self._type()
        if self.position < len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.position]!r} after {kind.text}")
        return kind

    def _next(self) -> str:
        if self.position >= len(self.tokens):
            raise ValueError("the type ends too early")
        token = self.tokens[self.position]
        self.position += 1
        return token

    def _expect(self, token: str) -> None:
        found = self._next()
        if found != token:
            raise ValueError(f"expected {token!r}, found {found!r}")

    def _number(self) -> int:
        token = self._next()
        if not token.isdigit():
            raise ValueError(f"expected a number, found {token!r}")
        return int(token)

    def _type(self) -> AthenaType:
        word = self._next()
        if word in _ARROW_PRIMITIVES:
            return Primitive(word)
        if word in ("char", "varchar"):
            self._expect("(")
            length = self._number()
            self._expect(")")
            return Text(f"{word}({length})", length)
        if word == "decimal":
            self._expect("(")
            precision = self._number()
            self._expect(",")
            scale = self._number()
            self._expect(")")
            if not 1 <= precision <= 38 or scale > precision:
                raise ValueError(f"decimal({precision},{scale}) is outside precision 1-38, scale 0-precision")
            return DecimalType(f"decimal({precision},{scale})", precision, scale)
        if word == "array":
            self._expect("<")
            element = self._type()
            self._expect(">")
            return ArrayType(f"array<{element.text}>", element)
        if word == "map":
            self._expect("<")
            key = self._type()
            self._expect(",")
            value = self._type()
            self._expect(">")
            return MapType(f"map<{key.text},{value.text}>", key, value)
        if word == "struct":
            self._expect("<")
            fields: list[tuple[str, AthenaType]] = []
            while True:
                name = self._next()
                self._expect(":")
                fields.append((name, self._type()))
                separator = self._next()
                if separator == ">":
                    break
                if separator != ",":
                    raise ValueError(f"expected ',' or '>', found {separator!r}")
            text = "struct<" + ",".join(f"{name}:{kind.text}" for name, kind in fields) + ">"
            return StructType(text, tuple(fields))
        raise ValueError(f"{word!r} is not an Athena type")


def parse_athena_type(text: str) -> AthenaType:
    """Parses an Athena column type; raises ValueError saying why it is not one."""
    return _Parser(text).parse()
