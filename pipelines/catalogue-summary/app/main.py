"""Catalogue summary, one run per data interval (a job that runs after shopify-products).

Reads the products snapshot that shopify-products wrote for the same interval (the dataset
shopify-products.products, read-only to this pipeline), counts the products by status, vendor and
product type, and writes the `summary` dataset (declared in main.ts) in the partition of the
interval start, so a rerun of an interval replaces its summary. It exits non-zero when the snapshot
is missing or the run fails, so that the state machine retries it; on SIGTERM it stops before writing.

This file only wires: the settings, the source (the snapshot in the lake), the transform, the lake.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping

from data_platform_runtime import EXIT_STOPPED, Lake, Settings, dataset_prefix, open_lake, partition_prefix, run_main

from transform import summary_records

# The upstream dataset, as main.ts's lake.read names it.
SNAPSHOT = "shopify-products.products"

log = logging.getLogger("catalogue-summary")


def run(settings: Settings, lake: Lake, stopping: threading.Event) -> int:
    """One run: read the interval's snapshot, write its summary as the interval's file. Returns the exit code."""
    interval = settings.require_interval()
    products = lake.read_records(SNAPSHOT, interval.start)
    if products is None:
        where = lake.uri(partition_prefix(dataset_prefix(SNAPSHOT), "day", interval.start))
        log.error("run %s: no %s file for the interval starting %s under %s: did shopify-products succeed for it?", settings.run_id, SNAPSHOT,
                  f"{interval.start:%Y-%m-%dT%H:%M:%SZ}", where)
        return 1
    records = summary_records(products, interval)
    if stopping.is_set():
        log.warning("run %s: stopped before writing", settings.run_id)
        return EXIT_STOPPED
    written = lake.write(settings.dataset("summary"), records, start=interval.start)
    log.info("run %s: summarised %d products into %s", settings.run_id, len(products), written.uri)
    return 0


def main(environ: Mapping[str, str] = os.environ) -> int:
    return run_main(log, lambda settings, stopping: run(settings, open_lake(settings), stopping), environ)


if __name__ == "__main__":
    sys.exit(main())
