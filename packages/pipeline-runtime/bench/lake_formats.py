"""Gzipped JSON Lines against Parquet, for the lake's files: `npm run bench` runs it.

    python bench/lake_formats.py [--rows 1000000]

Writes the same rows, of the shopify-products dataset's shape, once per format through the runtime's
own writer into a local lake (every row checked against the declaration, encoded, written), then asks
DuckDB `SELECT vendor, count(*) ... GROUP BY 1` of each (a stand-in for what Athena scans and bills).
Prints one JSON document: per format, the seconds of the write (wall, and CPU of this process), the
file's bytes, the seconds of the query and the bytes it read from the file. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from data_platform_runtime import LocalLake
from data_platform_runtime.datasets import Dataset, parse_datasets
from data_platform_runtime.local_duckdb import connect_local_lake, run_query

START = datetime(2026, 12, 1, 10, tzinfo=UTC)
QUERY = "SELECT vendor, count(*) AS products FROM {table} GROUP BY 1"


def products(format_name: str) -> Dataset:
    """The shopify-products dataset's columns, hourly, in one format."""
    table = "bench_products_" + format_name.replace(".", "_")
    declaration = {
        "prefix": f"bench/{table}/",
        "table": table,
        "partitionedBy": "hour",
        "format": format_name,
        "columns": {
            "id": {"type": "bigint", "nullable": False},
            "title": "string",
            "vendor": "string",
            "product_type": "string",
            "status": "string",
            "updated_at": "timestamp",
            "snapshot_at": {"type": "timestamp", "nullable": False},
        },
    }
    return parse_datasets({table: declaration}, "bench")[table]


def rows(count: int) -> list[dict[str, Any]]:
    """Deterministic rows: 250 vendors, 40 product types, three statuses, a title of a few words."""
    statuses = ("active", "draft", "archived")
    return [
        {
            "id": 7_000_000_000 + n,
            "title": f"Product {n} in colour {n % 17} and size {n % 9}",
            "vendor": f"Vendor {n % 250:03d}",
            "product_type": f"Type {n % 40:02d}",
            "status": statuses[n % 3],
            "updated_at": START - timedelta(minutes=n % 100_000),
            "snapshot_at": START,
        }
        for n in range(count)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lake_formats.py")
    parser.add_argument("--rows", type=int, default=1_000_000)
    count = parser.parse_args(argv).rows
    data = rows(count)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        lake = LocalLake(folder)
        for format_name in ("jsonl.gz", "parquet"):
            dataset = products(format_name)
            started, cpu = time.perf_counter(), time.process_time()
            written = lake.write(dataset, data, start=START)
            write_seconds, write_cpu = time.perf_counter() - started, time.process_time() - cpu
            connection = connect_local_lake(folder, [dataset], "data_platform_bench")
            started = time.perf_counter()
            result = run_query(connection, QUERY.format(table=dataset.table))
            query_seconds = time.perf_counter() - started
            connection.close()
            if sum(row[1] for row in result.rows) != count:
                raise SystemExit(f"{format_name}: the query counted {sum(row[1] for row in result.rows)} rows, not {count}")
            results.append(
                {
                    "format": format_name,
                    "rows": written.rows,
                    "writeSeconds": round(write_seconds, 2),
                    "writeCpuSeconds": round(write_cpu, 2),
                    "bytes": written.bytes,
                    "querySeconds": round(query_seconds, 3),
                    "bytesRead": result.bytes_read,
                }
            )
    json.dump({"rows": count, "query": QUERY.format(table="<table>"), "formats": results}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
