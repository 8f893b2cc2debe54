"""A dataset's files: Parquet (compressed with ZSTD, which Athena reads) or JSON Lines, plain or gzipped.

Both are written from the checked Arrow table, so both hold exactly the declared columns. The same
rows always give the same bytes (gzip with a fixed header time), so a rerun that changes nothing
writes nothing new. JSON Lines hold values as Hive's JSON reader expects them: timestamps as UTC
`YYYY-MM-DD HH:MM:SS[.fff]`, dates as `YYYY-MM-DD`, decimals as their exact digits in a string.
"""

from __future__ import annotations

import gzip
import io
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

PARQUET_COMPRESSION = "zstd"
# gzip's own default (the `gzip` command): 9, Python's default, takes about twice as long for a few per cent less.
GZIP_LEVEL = 6
EXTENSIONS = {"parquet": ".parquet", "jsonl": ".jsonl", "jsonl.gz": ".jsonl.gz"}
CONTENT_TYPES = {"parquet": "application/vnd.apache.parquet", "jsonl": "application/jsonl", "jsonl.gz": "application/gzip"}


def format_of(key: str) -> str | None:
    """The format a key's extension names, or None."""
    for name, extension in sorted(EXTENSIONS.items(), key=lambda item: -len(item[1])):
        if key.endswith(extension):
            return name
    return None


def encode(table: pa.Table, file_format: str) -> bytes:
    if file_format == "parquet":
        sink = io.BytesIO()
        pq.write_table(table, sink, compression=PARQUET_COMPRESSION)
        return sink.getvalue()
    body = _json_lines(table).encode("utf-8")
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0) if file_format == "jsonl.gz" else body


def decode(body: bytes, file_format: str) -> pa.Table | list[dict[str, Any]]:
    """A Parquet file as an Arrow table (timestamps as UTC), JSON Lines as the records they hold."""
    if file_format == "parquet":
        table = pq.read_table(io.BytesIO(body))
        return table.cast(pa.schema([_utc(field) for field in table.schema]))
    text = (gzip.decompress(body) if file_format == "jsonl.gz" else body).decode("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _utc(field: pa.Field) -> pa.Field:
    """Zone-less timestamps (how the lake stores UTC, as Athena's `timestamp`) read back as aware UTC ones."""
    if pa.types.is_timestamp(field.type) and field.type.tz is None:
        return field.with_type(pa.timestamp(field.type.unit, tz="UTC"))
    return field


def _json_lines(table: pa.Table) -> str:
    columns = [_json_column(column, field.type) for field, column in zip(table.schema, table.columns, strict=True)]
    names = table.column_names
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    return "".join(dumps(dict(zip(names, row, strict=True))) + "\n" for row in zip(*columns, strict=True))


def _json_column(column: pa.ChunkedArray, kind: pa.DataType) -> list[Any]:
    """A column's values as JSON takes them; the scalar kinds converted by Arrow, a whole column at a time."""
    if pa.types.is_timestamp(kind):
        text = pc.strftime(column, format="%Y-%m-%d %H:%M:%S")
        # Milliseconds only when there are some: `2026-12-01 10:00:00`, `2026-12-01 10:00:00.250`.
        return pc.replace_substring_regex(text, pattern=r"\.000$", replacement="").to_pylist()  # type: ignore[no-any-return]
    if pa.types.is_date(kind) or pa.types.is_decimal(kind):
        return column.cast(pa.string()).to_pylist()  # type: ignore[no-any-return]
    if pa.types.is_nested(kind):
        return [_json_value(value, kind) for value in column.to_pylist()]
    return column.to_pylist()  # type: ignore[no-any-return]


def _json_value(value: Any, kind: pa.DataType) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        return f"{text}.{value.microsecond // 1000:03d}" if value.microsecond else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if pa.types.is_map(kind):
        return {str(key): _json_value(item, kind.item_type) for key, item in value}
    if pa.types.is_struct(kind):
        return {field.name: _json_value(value.get(field.name), field.type) for field in kind}
    if pa.types.is_list(kind):
        return [_json_value(item, kind.value_type) for item in value]
    return value
