"""Rows checked against their dataset's declared columns, and turned into an Arrow table of its schema.

Rows are records (a list of dicts), a pyarrow Table or RecordBatch, or a Polars DataFrame (through
Arrow). Before anything is written, every row is checked: a column the dataset does not declare, a
non-null column without a value, or a value of the wrong type stops the write with one message naming
the dataset, the row, the column and the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from . import errors
from .athena_types import (
    ArrayType,
    AthenaType,
    DecimalType,
    MapType,
    Mismatch,
    Primitive,
    StructType,
    Text,
)
from .datasets import Column, Dataset

_ABSENT = object()


def to_table(dataset: Dataset, rows: Any) -> pa.Table:
    """The rows as an Arrow table of the dataset's schema (declared columns, in order); raises RecordError."""
    if isinstance(rows, pa.RecordBatch):
        return _from_arrow(dataset, pa.Table.from_batches([rows]))
    if isinstance(rows, pa.Table):
        return _from_arrow(dataset, rows)
    to_arrow = getattr(rows, "to_arrow", None)
    if callable(to_arrow):  # a Polars DataFrame (or anything else that hands over Arrow)
        table = to_arrow()
        if isinstance(table, pa.Table):
            return _from_arrow(dataset, table)
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
        raise errors.rows_unsupported(dataset.qualified_name, rows)
    return _from_records(dataset, list(rows))


def _from_records(dataset: Dataset, rows: list[Any]) -> pa.Table:
    name = dataset.qualified_name
    declared = {column.name for column in dataset.columns}
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise errors.row_not_mapping(name, index, row)
        if not declared.issuperset(row):
            extra = next(key for key in row if key not in declared)
            raise errors.undeclared_column(name, index, str(extra), row[extra], [c.name for c in dataset.columns])
    arrays = [_column_array(dataset, column, rows) for column in dataset.columns]
    return pa.Table.from_arrays(arrays, schema=dataset.arrow_schema())


# The Python types whose values Arrow converts exactly as the column's check would: a column of only
# these (and None) is handed to Arrow whole, without a Python call per value.
_EXACT_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "double": (float, int),
    "float": (float, int),
    "date": (date,),
}


def _column_array(dataset: Dataset, column: Column, rows: list[Any]) -> pa.Array:
    """One column of the rows as an Arrow array of its declared type; RecordError for the first value that does not fit."""
    key = column.name
    values = [row.get(key, _ABSENT) for row in rows]
    if not column.nullable:
        index = next((i for i, value in enumerate(values) if value is None or value is _ABSENT), None)
        if index is not None:
            raise (errors.null_value if values[index] is None else errors.missing_column)(dataset.qualified_name, index, key)
    kind = column.type
    if isinstance(kind, Primitive) and _fits_whole(kind.text, values):
        present = [None if value is _ABSENT else value for value in values]
        if kind.text == "timestamp":
            # Aware datetimes, each taken to UTC by Arrow, then to the millisecond and zone-less (UTC, as the lake stores it).
            instants = pa.array(present, type=pa.timestamp("us", tz="UTC"))
            return pc.floor_temporal(instants, unit="millisecond").cast(pa.timestamp("ms", tz="UTC")).cast(kind.arrow())
        return pa.array(present, type=kind.arrow())
    return pa.array(_converted(dataset, column, values), type=kind.arrow())


def _fits_whole(kind: str, values: list[Any]) -> bool:
    """Whether every value is None, absent, or of a Python type Arrow converts to `kind` exactly as the check would."""
    exact = _EXACT_TYPES.get(kind)
    if exact is not None:
        excluded = (datetime,) if kind == "date" else (bool,) if kind in ("double", "float") else ()
        return all(value is None or value is _ABSENT or (isinstance(value, exact) and not isinstance(value, excluded)) for value in values)
    if kind in ("tinyint", "smallint", "int", "bigint"):
        numbers = [value for value in values if value is not None and value is not _ABSENT]
        if not all(type(value) is int for value in numbers):
            return False
        bits = {"tinyint": 8, "smallint": 16, "int": 32, "bigint": 64}[kind]
        return not numbers or (-(2 ** (bits - 1)) <= min(numbers) and max(numbers) < 2 ** (bits - 1))
    if kind == "timestamp":
        return all(
            value is None or value is _ABSENT or (isinstance(value, datetime) and value.tzinfo is not None and value.utcoffset() is not None)
            for value in values
        )
    return False


def _converted(dataset: Dataset, column: Column, values: list[Any]) -> list[Any]:
    """Each value checked and converted by the column's type, in Python: the path that finds and names a value that does not fit."""
    convert = column.type.convert
    key = column.name
    converted: list[Any] = []
    append = converted.append
    for index, value in enumerate(values):
        if value is None or value is _ABSENT:
            append(None)
            continue
        try:
            append(convert(value))
        except Mismatch as mismatch:
            raise errors.wrong_type(dataset.qualified_name, index, key + mismatch.path, mismatch.value, mismatch.expected, column.type.text) from None
    return converted


def _from_arrow(dataset: Dataset, table: pa.Table) -> pa.Table:
    name = dataset.qualified_name
    names = [column.name for column in dataset.columns]
    for extra in table.column_names:
        if extra not in names:
            first = table.column(extra)[0].as_py() if table.num_rows else None
            raise errors.undeclared_column(name, 0, extra, first, names)
    arrays = []
    for column in dataset.columns:
        target = column.type.arrow()
        if column.name not in table.column_names:
            if not column.nullable and table.num_rows:
                raise errors.missing_column(name, 0, column.name)
            arrays.append(pa.nulls(table.num_rows, type=target))
            continue
        array = table.column(column.name).combine_chunks()
        if not column.nullable and array.null_count:
            raise errors.null_value(name, _first_null(array), column.name)
        arrays.append(_cast(dataset, column, array))
    return pa.Table.from_arrays(arrays, schema=dataset.arrow_schema())


def _first_null(array: pa.Array) -> int:
    return int(pc.index(pc.is_null(array), True).as_py())


def _cast(dataset: Dataset, column: Column, array: pa.Array) -> pa.Array:
    """The column in its declared Arrow type, when its own type is one that means the same values."""
    if isinstance(array.type, pa.DictionaryType):
        array = array.dictionary_decode()
    if not _compatible(array.type, column.type):
        return _refuse(dataset, column, array, f"values of Arrow type {array.type}")
    if pa.types.is_timestamp(array.type):
        array = pc.floor_temporal(array, unit="millisecond")
    try:
        return array.cast(column.type.arrow(), safe=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        return _refuse(dataset, column, array, str(error))


def _refuse(dataset: Dataset, column: Column, array: pa.Array, reason: str) -> pa.Array:
    """Raises for the first value the Python check refuses, or for row 0 with Arrow's reason."""
    for index, value in enumerate(array.to_pylist()):
        if value is None:
            continue
        try:
            column.type.convert(value)
        except Mismatch as mismatch:
            raise errors.wrong_type(dataset.qualified_name, index, column.name + mismatch.path, mismatch.value, mismatch.expected, column.type.text) from None
    first = array[0].as_py() if len(array) else None
    raise errors.wrong_type(dataset.qualified_name, 0, column.name, first, f"a column convertible to {column.type.text} ({reason})", column.type.text)


def _compatible(source: pa.DataType, target: AthenaType) -> bool:
    """Whether an Arrow column of `source` holds the kind of values `target` declares (not, say, numbers for a string)."""
    types = pa.types
    if isinstance(target, Text) or (isinstance(target, Primitive) and target.text == "string"):
        return bool(types.is_string(source) or types.is_large_string(source) or types.is_string_view(source))
    if isinstance(target, DecimalType):
        return bool(types.is_decimal(source) or types.is_integer(source))
    if isinstance(target, ArrayType):
        return bool(types.is_list(source) or types.is_large_list(source) or types.is_fixed_size_list(source)) and _compatible(source.value_type, target.element)
    if isinstance(target, MapType):
        return bool(types.is_map(source)) and _compatible(source.key_type, target.key) and _compatible(source.item_type, target.value)
    if isinstance(target, StructType):
        if not types.is_struct(source):
            return False
        fields = {source.field(i).name: source.field(i).type for i in range(source.num_fields)}
        declared = dict(target.fields)
        return set(fields) <= set(declared) and all(_compatible(kind, declared[field]) for field, kind in fields.items())
    kind = target.text
    if kind in ("tinyint", "smallint", "int", "bigint"):
        return bool(types.is_integer(source))
    if kind in ("float", "double"):
        return bool(types.is_integer(source) or types.is_floating(source))
    if kind == "boolean":
        return bool(types.is_boolean(source))
    if kind == "timestamp":
        # An aware column only: a naive one could hold any zone's wall time.
        return bool(types.is_timestamp(source)) and source.tz is not None
    if kind == "date":
        return bool(types.is_date(source))
    return bool(types.is_binary(source) or types.is_large_binary(source) or types.is_binary_view(source))
