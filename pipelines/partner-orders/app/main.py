"""Partner orders, one run per data interval (a job that runs when a partner drops files).

Lists the CSV files the partner dropped under partner-drops/orders/ (read-only to this pipeline),
keeps those whose LastModified falls inside the run's interval, normalises their rows to the
`orders` dataset and writes them in the partition of the interval start:
s3://$LAKE_BUCKET/${LAKE_PREFIX}orders/dt=YYYY-MM-DD/part-<start>.jsonl.gz, so a rerun of an
interval replaces its output. A file it cannot read fails the run with the object, line, column
and value; it exits non-zero then, so that the state machine retries it and alerts. On SIGTERM it
stops before writing.

This file only wires: settings, the source (the dropped files in the lake), the transform, the sink.

Environment: LAKE_BUCKET, LAKE_PREFIX, DATA_INTERVAL_START, DATA_INTERVAL_END, RUN_ID (set by the
platform).
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from dataclasses import dataclass

from lake import Interval, S3Lake, dataset_key, parse_interval
from transform import OrderFileError, drops_in_interval, order_records

DATASET = "orders"
PARTITIONED_BY = "day"
# Where the partner drops its files: the prefix main.ts's onData trigger watches.
DROP_PREFIX = "partner-drops/orders/"
EXIT_STOPPED = 143

log = logging.getLogger("partner-orders")


class SettingError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    lake_bucket: str
    lake_prefix: str
    interval: Interval
    run_id: str


def read_settings(environ) -> Settings:
    def setting(name):
        value = environ.get(name, "")
        if not value:
            raise SettingError(f"{name} is not set")
        return value

    return Settings(
        lake_bucket=setting("LAKE_BUCKET"),
        lake_prefix=setting("LAKE_PREFIX"),
        interval=parse_interval(setting("DATA_INTERVAL_START"), setting("DATA_INTERVAL_END")),
        run_id=setting("RUN_ID"),
    )


def run(settings: Settings, lake, stopping: threading.Event) -> int:
    """One run: the files dropped in the interval, normalised, written at the interval's key. Returns the exit code."""
    drops = drops_in_interval(lake.list(DROP_PREFIX), settings.interval)
    if not drops:
        log.warning("run %s: no CSV file under %s was modified in the interval; writing an empty part", settings.run_id, lake.uri(DROP_PREFIX))
    files = []
    for drop in drops:
        if stopping.is_set():
            log.warning("run %s: stopped before writing", settings.run_id)
            return EXIT_STOPPED
        files.append((drop["key"], lake.read_text(drop["key"])))
    try:
        records = order_records(files)
    except OrderFileError as error:
        log.error("run %s: %s", settings.run_id, error)
        return 1
    if stopping.is_set():
        log.warning("run %s: stopped before writing", settings.run_id)
        return EXIT_STOPPED
    key = dataset_key(settings.lake_prefix, DATASET, PARTITIONED_BY, settings.interval.start)
    lake.write(key, records)
    log.info("run %s: wrote %d orders from %d files to %s", settings.run_id, len(records), len(files), lake.uri(key))
    return 0


def main(environ=os.environ) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    stopping = threading.Event()

    def on_sigterm(signum, _frame):
        log.warning("signal %s: stopping before writing anything", signum)
        stopping.set()

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, on_sigterm)
    try:
        settings = read_settings(environ)
    except (SettingError, ValueError) as error:
        log.error("%s", error)
        return 1
    import boto3  # here, so that the tests of this module need no AWS SDK

    try:
        return run(settings, S3Lake(boto3.client("s3"), settings.lake_bucket), stopping)
    except Exception:
        log.exception("run %s failed", settings.run_id)
        return 1


if __name__ == "__main__":
    sys.exit(main())
