"""Daily catalogue summary, one run per day (a scheduled task).

Reads the last product snapshot of a day that the shopify-products pipeline landed under
SOURCE_PREFIX (its own prefix is read-only to this pipeline), counts products by status, vendor
and type, and writes s3://$LAKE_BUCKET/${LAKE_PREFIX}daily/dt=YYYY-MM-DD/summary.json. The day is
yesterday (UTC) unless SUMMARY_DATE says otherwise. It exits non-zero when the run does not
complete, so that the state machine retries it; on SIGTERM it stops before writing.

Environment: SOURCE_PREFIX, SUMMARY_DATE (plain); LAKE_BUCKET, LAKE_PREFIX (set by the platform).
"""
import json
import logging
import os
import signal
import sys
import threading
from collections import Counter
from datetime import date, datetime, timedelta, timezone

import boto3

log = logging.getLogger("catalogue-summary")
stopping = threading.Event()


def on_sigterm(signum, _frame):
    log.warning("signal %s: stopping before writing anything", signum)
    stopping.set()


def setting(name):
    value = os.environ.get(name, "")
    if not value:
        sys.exit(f"{name} is not set")
    return value


def last_snapshot(s3, bucket, prefix):
    """The key of the day's latest snapshot (the greatest hour=HH), or None."""
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys.extend(item["Key"] for item in page.get("Contents", []) if item["Key"].endswith(".jsonl"))
    return max(keys, default=None)


def summarise(lines):
    status, vendor, kind = Counter(), Counter(), Counter()
    for line in lines:
        if not line.strip():
            continue
        product = json.loads(line)
        status[product.get("status", "unknown")] += 1
        vendor[product.get("vendor") or "unknown"] += 1
        kind[product.get("product_type") or "unknown"] += 1
    return {"products": sum(status.values()), "by_status": dict(status), "by_vendor": dict(vendor), "by_type": dict(kind)}


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, on_sigterm)
    source = setting("SOURCE_PREFIX")
    bucket, prefix = setting("LAKE_BUCKET"), setting("LAKE_PREFIX")
    day = date.fromisoformat(os.environ["SUMMARY_DATE"]) if os.environ.get("SUMMARY_DATE") else datetime.now(timezone.utc).date() - timedelta(days=1)
    s3 = boto3.client("s3")
    snapshot = last_snapshot(s3, bucket, f"{source}dt={day:%Y-%m-%d}/")
    if snapshot is None:
        log.error("no snapshot under s3://%s/%sdt=%s/: did shopify-products run that day?", bucket, source, day)
        return 1
    lines = s3.get_object(Bucket=bucket, Key=snapshot)["Body"].read().decode().splitlines()
    summary = {"date": day.isoformat(), "snapshot": snapshot, **summarise(lines)}
    if stopping.is_set():
        return 143
    key = f"{prefix}daily/dt={day:%Y-%m-%d}/summary.json"
    s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(summary, indent=2).encode(), ContentType="application/json")
    log.info("summarised %d products of %s into s3://%s/%s", summary["products"], day, bucket, key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
