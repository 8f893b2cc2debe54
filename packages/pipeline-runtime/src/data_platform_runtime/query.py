"""SQL over a local lake with DuckDB, for `data-platform query --local-lake <dir>` (the `query` target).

    python -m data_platform_runtime.query --lake-dir DIR --database data_platform_dev --datasets FILE "SELECT ..."

FILE holds a JSON list of datasets objects, one per pipeline (each pipeline's manifest `datasets`).
Prints one JSON document on standard output, `{"columns", "rows", "bytesRead", "tables"}`, values as
text (None stays null), for the caller to render; on an error, one line on standard error and exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from .datasets import Dataset, parse_datasets
from .errors import DeclarationError
from .local_duckdb import connect_local_lake, run_query


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data_platform_runtime.query")
    parser.add_argument("--lake-dir", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--datasets", required=True, help="a JSON file: a list of datasets objects, one per pipeline")
    parser.add_argument("sql")
    options = parser.parse_args(argv)
    lake_dir = Path(options.lake_dir)
    if not lake_dir.is_dir():
        print(f"the local lake {lake_dir} is not a folder; run a pipeline with run-local --local-lake {lake_dir} first, or fix the path", file=sys.stderr)
        return 1
    try:
        declarations = json.loads(Path(options.datasets).read_text(encoding="utf-8"))
        datasets: list[Dataset] = [d for item in declarations for d in parse_datasets(item, options.datasets).values()]
    except (OSError, ValueError, TypeError, DeclarationError) as error:
        print(f"the datasets in {options.datasets} cannot be read: {_first_line(error)}", file=sys.stderr)
        return 1
    tables = sorted(dataset.table for dataset in datasets)
    try:
        connection = connect_local_lake(lake_dir, datasets, options.database)
    except duckdb.Error as error:
        print(f"the local lake {lake_dir} cannot be opened: {_first_line(error)}", file=sys.stderr)
        return 1
    try:
        result = run_query(connection, options.sql)
    except duckdb.CatalogException as error:
        print(f"{_first_line(error)} The tables of {options.database} are: {', '.join(tables) or 'none'}.", file=sys.stderr)
        return 1
    except duckdb.Error as error:
        print(f"SQL error: {_first_line(error)}", file=sys.stderr)
        return 1
    document = {
        "columns": result.columns,
        "rows": [[_text(value) for value in row] for row in result.rows],
        "bytesRead": result.bytes_read,
        "tables": tables,
    }
    json.dump(document, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
