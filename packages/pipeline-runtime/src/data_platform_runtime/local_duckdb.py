"""The local lake in DuckDB: every declared dataset as a view under its Athena name, in a schema named
as the environment's Glue database (`data_platform_<env>`), with its partition columns (`dt`, and
`hour` for hourly datasets, strings as in Athena). SQL written for Athena's tables runs unchanged,
qualified (`data_platform_dev.shopify_products_products`) or not.

A dataset without files yet is an empty view of its declared columns, as its Athena table would be.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .datasets import Dataset
from .formats import EXTENSIONS


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def partition_columns(dataset: Dataset) -> tuple[str, ...]:
    return ("dt", "hour") if dataset.partitioned_by == "hour" else ("dt",)


def view_sql(lake_dir: Path, dataset: Dataset, database: str) -> str:
    """The CREATE VIEW of one dataset over its files in the local lake."""
    partitions = partition_columns(dataset)
    name = f"{_quote(database)}.{_quote(dataset.table)}"
    folder = lake_dir.joinpath(*dataset.prefix.split("/")[:-1])
    extension = EXTENSIONS[dataset.format]
    if not folder.is_dir() or next(folder.rglob(f"[!.]*{extension}"), None) is None:
        typed = [f"CAST(NULL AS {column.type.duckdb()}) AS {_quote(column.name)}" for column in dataset.columns]
        typed += [f"CAST(NULL AS VARCHAR) AS {key}" for key in partitions]
        return f"CREATE VIEW {name} AS SELECT {', '.join(typed)} WHERE false"
    files = _literal(f"{folder.as_posix()}/**/*{extension}")
    hive = "hive_partitioning = true, hive_types = {" + ", ".join(f"'{key}': 'VARCHAR'" for key in partitions) + "}"
    if dataset.format == "parquet":
        source = f"read_parquet({files}, {hive}, union_by_name = true)"
    else:
        columns = "{" + ", ".join(f"{_literal(column.name)}: {_literal(column.type.duckdb())}" for column in dataset.columns) + "}"
        source = f"read_json({files}, format = 'newline_delimited', columns = {columns}, {hive})"
    selected = [f"CAST({_quote(column.name)} AS {column.type.duckdb()}) AS {_quote(column.name)}" for column in dataset.columns]
    return f"CREATE VIEW {name} AS SELECT {', '.join(selected + list(partitions))} FROM {source}"


def connect_local_lake(lake_dir: str | Path, datasets: Iterable[Dataset], database: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per dataset over the files under `lake_dir`, `database` the default schema."""
    connection = duckdb.connect()
    connection.execute(f"CREATE SCHEMA {_quote(database)}")
    connection.execute(f"SET schema = {_literal(database)}")
    for dataset in datasets:
        connection.execute(view_sql(Path(lake_dir), dataset, database))
    return connection


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    bytes_read: int
    """What the query read from the lake's files: the process's bytes read while it ran (Linux's
    /proc/self/io `rchar`), else DuckDB's own count (its profiler's total_bytes_read, which leaves out
    compressed JSON)."""


_PROCESS_IO = Path("/proc/self/io")


def _bytes_read_by_this_process() -> int | None:
    if not _PROCESS_IO.is_file():
        return None
    for line in _PROCESS_IO.read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    return None


def run_query(connection: duckdb.DuckDBPyConnection, sql: str) -> QueryResult:
    """Runs one statement, measuring the bytes it read from the lake's files."""
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile.json"
        connection.execute("PRAGMA enable_profiling = 'json'")
        connection.execute(f"SET profiling_output = {_literal(str(profile))}")
        connection.execute("""SET custom_profiling_settings = '{"TOTAL_BYTES_READ": "true"}'""")
        try:
            before = _bytes_read_by_this_process()
            cursor = connection.execute(sql)
            columns = [description[0] for description in cursor.description or []]
            rows = [list(row) for row in cursor.fetchall()] if columns else []
            after = _bytes_read_by_this_process()
        finally:
            connection.execute("PRAGMA disable_profiling")
        if before is not None and after is not None:
            bytes_read = after - before
        else:
            bytes_read = int(json.loads(profile.read_text()).get("total_bytes_read", 0)) if profile.is_file() else 0
    return QueryResult(columns=columns, rows=rows, bytes_read=bytes_read)
