"""The data platform's runtime for pipelines' Python: settings, data intervals, the lake (S3 or a local
folder), and datasets checked against their declaration in main.ts, written as Parquet or JSON Lines.

    from data_platform_runtime import open_lake, run_main

    def work(settings, stopping):
        interval = settings.require_interval()
        written = open_lake(settings).write(settings.dataset("orders"), records, start=interval.start)

The local lake in DuckDB is in `data_platform_runtime.local_duckdb` (it needs the `duckdb` extra).
"""

from .datasets import Column, Dataset, dataset_prefix
from .errors import DeclarationError, LakeError, RecordError, SettingError
from .interval import Interval, compact_time, parse_interval, parse_timestamp
from .lake import Lake, LakeObject, LocalLake, S3Lake, Written, open_lake, part_key, partition_prefix
from .process import EXIT_STOPPED, run_main
from .settings import Settings, read_settings

__all__ = [
    "EXIT_STOPPED",
    "Column",
    "Dataset",
    "DeclarationError",
    "Interval",
    "Lake",
    "LakeError",
    "LakeObject",
    "LocalLake",
    "RecordError",
    "S3Lake",
    "SettingError",
    "Settings",
    "Written",
    "compact_time",
    "dataset_prefix",
    "open_lake",
    "parse_interval",
    "parse_timestamp",
    "part_key",
    "partition_prefix",
    "read_settings",
    "run_main",
]
