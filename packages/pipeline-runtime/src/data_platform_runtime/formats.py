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
import pyarrow.parquet as pq

PARQUET_COMPRESSION = "zstd"
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
    return gzip.compress(body, mtime=0) if file_format == "jsonl.gz" else body


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
    fields = list(table.schema)
    return "".join(
        json.dumps({field.name: _json_value(record[field.name], field.type) for field in fields}, ensure_ascii=False, separators=(",", ":")) + "\n"
        for record in table.to_pylist()
    )


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
