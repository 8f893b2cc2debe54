"""Catalogue summary, one run per data interval (a job that runs after shopify-products).

Reads the products snapshot that shopify-products wrote for the same interval (the dataset
shopify-products.products, read-only to this pipeline), counts the products by status, vendor and
product type, and writes the `summary` dataset in the partition of the interval start:
s3://$LAKE_BUCKET/${LAKE_PREFIX}summary/dt=YYYY-MM-DD/hour=HH/part-<start>.jsonl.gz, so a rerun of
an interval replaces its summary. It exits non-zero when the snapshot is missing or the run fails,
so that the state machine retries it; on SIGTERM it stops before writing.

This file only wires: settings, the source (the snapshot in the lake), the transform, the sink.

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
from transform import summary_records

DATASET = "summary"
PARTITIONED_BY = "hour"
# The upstream dataset shopify-products.products, hourly: its prefix in the lake.
SNAPSHOT_PREFIX, SNAPSHOT_DATASET, SNAPSHOT_PARTITIONED_BY = "shopify-products/", "products", "hour"
EXIT_STOPPED = 143

log = logging.getLogger("catalogue-summary")


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


def snapshot_key(interval: Interval) -> str:
    """The object shopify-products wrote for the same interval."""
    return dataset_key(SNAPSHOT_PREFIX, SNAPSHOT_DATASET, SNAPSHOT_PARTITIONED_BY, interval.start)


def run(settings: Settings, lake, stopping: threading.Event) -> int:
    """One run: read the interval's snapshot, write its summary at the interval's key. Returns the exit code."""
    source = snapshot_key(settings.interval)
    products = lake.read(source)
    if products is None:
        log.error("run %s: no snapshot at %s: did shopify-products succeed for this interval?", settings.run_id, lake.uri(source))
        return 1
    records = summary_records(products, settings.interval)
    if stopping.is_set():
        log.warning("run %s: stopped before writing", settings.run_id)
        return EXIT_STOPPED
    key = dataset_key(settings.lake_prefix, DATASET, PARTITIONED_BY, settings.interval.start)
    lake.write(key, records)
    log.info("run %s: summarised %d products of %s into %s", settings.run_id, len(products), lake.uri(source), lake.uri(key))
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
