"""Shopify product catalogue, one run per data interval (a job).

Fetches every product of the store and writes the snapshot as the `products` dataset, in the
partition of the run's interval start:
s3://$LAKE_BUCKET/${LAKE_PREFIX}products/dt=YYYY-MM-DD/hour=HH/part-<start>.jsonl.gz, so a rerun of
an interval replaces its snapshot. `snapshot_at` says when the catalogue was read. It exits non-zero
when the run does not complete, so that the state machine retries it; on SIGTERM (the run outlived
its maximum runtime) it stops at the next page and writes nothing.

This file only wires: settings, the source (shopify_api), the transform (transform), the sink (lake).

Environment: SHOPIFY_STORE_DOMAIN, SHOPIFY_API_VERSION (plain); SHOPIFY_ACCESS_TOKEN (secret,
injected by ECS); LAKE_BUCKET, LAKE_PREFIX, DATA_INTERVAL_START, DATA_INTERVAL_END, RUN_ID (set by
the platform).
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

from lake import Interval, S3Lake, dataset_key, parse_interval
from shopify_api import Interrupted, ShopifyProducts
from transform import product_records

DATASET = "products"
PARTITIONED_BY = "hour"
EXIT_STOPPED = 143

log = logging.getLogger("shopify-products")


class SettingError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    store_domain: str
    api_version: str
    access_token: str
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
        store_domain=setting("SHOPIFY_STORE_DOMAIN"),
        api_version=setting("SHOPIFY_API_VERSION"),
        access_token=setting("SHOPIFY_ACCESS_TOKEN"),
        lake_bucket=setting("LAKE_BUCKET"),
        lake_prefix=setting("LAKE_PREFIX"),
        interval=parse_interval(setting("DATA_INTERVAL_START"), setting("DATA_INTERVAL_END")),
        run_id=setting("RUN_ID"),
    )


def run(settings: Settings, source, lake, now) -> int:
    """One run: read the catalogue, write its records at the interval's key. Returns the exit code."""
    try:
        products = source.read()
    except Interrupted:
        log.warning("run %s: stopped before the catalogue was complete; nothing written", settings.run_id)
        return EXIT_STOPPED
    records = product_records(products, snapshot_at=now())
    key = dataset_key(settings.lake_prefix, DATASET, PARTITIONED_BY, settings.interval.start)
    lake.write(key, records)
    log.info("run %s: wrote %d products of %s to %s", settings.run_id, len(records), settings.store_domain, lake.uri(key))
    return 0


def main(environ=os.environ) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    stopping = threading.Event()

    def on_sigterm(signum, _frame):
        log.warning("signal %s: stopping at the next page; this run writes nothing", signum)
        stopping.set()

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, on_sigterm)
    try:
        settings = read_settings(environ)
    except (SettingError, ValueError) as error:
        log.error("%s", error)
        return 1
    import boto3  # here, so that the tests of this module need no AWS SDK

    source = ShopifyProducts(settings.store_domain, settings.api_version, settings.access_token, stopping)
    lake = S3Lake(boto3.client("s3"), settings.lake_bucket)
    try:
        return run(settings, source, lake, now=lambda: datetime.now(timezone.utc))
    except Exception:
        log.exception("run %s failed", settings.run_id)
        return 1


if __name__ == "__main__":
    sys.exit(main())
