"""Partner orders, one run per data interval (a job that runs when a partner drops files).

Lists the CSV files the partner dropped under partner-drops/orders/ (read-only to this pipeline),
keeps those whose LastModified falls inside the run's interval, normalises their rows to the `orders`
dataset (declared in main.ts) and writes them in the partition of the interval start, so a rerun of
an interval replaces its output. A file it cannot read fails the run with the object, line, column
and value; it exits non-zero then, so that the state machine retries it and alerts. On SIGTERM it
stops before writing.

This file only wires: the settings, the source (the dropped files in the lake), the transform, the lake.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping

from data_platform_runtime import EXIT_STOPPED, Lake, Settings, open_lake, run_main

from transform import OrderFileError, drops_in_interval, order_records

# Where the partner drops its files: the prefix main.ts's onData trigger watches.
DROP_PREFIX = "partner-drops/orders/"

log = logging.getLogger("partner-orders")


def run(settings: Settings, lake: Lake, stopping: threading.Event) -> int:
    """One run: the files dropped in the interval, normalised, written as the interval's file. Returns the exit code."""
    interval = settings.require_interval()
    drops = drops_in_interval(lake.list_objects(DROP_PREFIX), interval)
    if not drops:
        log.warning("run %s: no CSV file under %s was modified in the interval; writing an empty part", settings.run_id, lake.uri(DROP_PREFIX))
    files = []
    for drop in drops:
        if stopping.is_set():
            log.warning("run %s: stopped before writing", settings.run_id)
            return EXIT_STOPPED
        text = lake.read_text(drop.key)
        if text is None:
            log.error("run %s: %s was listed, then gone before it was read; the next run of this interval reads what is there", settings.run_id, drop.key)
            return 1
        files.append((drop.key, text))
    try:
        records = order_records(files)
    except OrderFileError as error:
        log.error("run %s: %s", settings.run_id, error)
        return 1
    if stopping.is_set():
        log.warning("run %s: stopped before writing", settings.run_id)
        return EXIT_STOPPED
    written = lake.write(settings.dataset("orders"), records, start=interval.start)
    log.info("run %s: wrote %d orders from %d files to %s", settings.run_id, written.rows, len(files), written.uri)
    return 0


def main(environ: Mapping[str, str] = os.environ) -> int:
    return run_main(log, lambda settings, stopping: run(settings, open_lake(settings), stopping), environ)


if __name__ == "__main__":
    sys.exit(main())
