"""Shopify product catalogue, one run per data interval (a job).

Fetches every product of the store and writes the snapshot as the `products` dataset (declared in
main.ts: its columns, hourly partitions, Parquet), in the partition of the run's interval start, so
a rerun of an interval replaces its snapshot. `snapshot_at` says when the catalogue was read. It
exits non-zero when the run does not complete, so that the state machine retries it; on SIGTERM (the
run outlived its maximum runtime) it stops at the next page and writes nothing.

This file only wires: the settings, the source (shopify_api), the transform, the lake.

Environment: SHOPIFY_STORE_DOMAIN, SHOPIFY_API_VERSION (plain); SHOPIFY_ACCESS_TOKEN (secret,
injected by ECS); the platform's (see data_platform_runtime.settings).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Protocol

from data_platform_runtime import EXIT_STOPPED, Lake, Settings, open_lake, run_main

from shopify_api import Interrupted, ShopifyProducts
from transform import product_records

log = logging.getLogger("shopify-products")


class Catalogue(Protocol):
    def read(self) -> list[dict[str, object]]: ...


def run(settings: Settings, source: Catalogue, lake: Lake, now: Callable[[], datetime]) -> int:
    """One run: read the catalogue, write its records as the interval's snapshot. Returns the exit code."""
    interval = settings.require_interval()
    try:
        products = source.read()
    except Interrupted:
        log.warning("run %s: stopped before the catalogue was complete; nothing written", settings.run_id)
        return EXIT_STOPPED
    written = lake.write(settings.dataset("products"), product_records(products, snapshot_at=now()), start=interval.start)
    log.info("run %s: wrote %d products to %s", settings.run_id, written.rows, written.uri)
    return 0


def work(settings: Settings, stopping: threading.Event) -> int:
    source = ShopifyProducts(
        settings.require("SHOPIFY_STORE_DOMAIN", "the store's domain, e.g. acme-demo.myshopify.com"),
        settings.require("SHOPIFY_API_VERSION", "the Admin API version, e.g. 2025-01"),
        settings.require("SHOPIFY_ACCESS_TOKEN", "the Admin API access token (a secret in main.ts)"),
        stopping,
    )
    return run(settings, source, open_lake(settings), now=lambda: datetime.now(UTC))


def main(environ: Mapping[str, str] = os.environ) -> int:
    return run_main(log, work, environ, stopping_message="stopping at the next page; this run writes nothing")


if __name__ == "__main__":
    sys.exit(main())
