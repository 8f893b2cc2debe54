"""Shopify product catalogue ingest, one run per hour (a scheduled task).

Fetches every product from the Shopify Admin REST API, following its page links, and writes one
JSON Lines snapshot to s3://$LAKE_BUCKET/${LAKE_PREFIX}raw/products/dt=YYYY-MM-DD/hour=HH/products.jsonl.
It exits non-zero when the run does not complete, so that the state machine retries it. On SIGTERM
(the run outlived maxRuntimeMinutes) it stops at the next page and writes nothing partial.

Environment: SHOPIFY_STORE_DOMAIN, SHOPIFY_API_VERSION (plain); SHOPIFY_ACCESS_TOKEN (secret,
injected by ECS from SSM Parameter Store); LAKE_BUCKET, LAKE_PREFIX (set by the platform).
"""
import json
import logging
import os
import re
import signal
import sys
import threading
import urllib.error
import urllib.request
from datetime import datetime, timezone

import boto3

log = logging.getLogger("shopify-products")
stopping = threading.Event()
NEXT_LINK = re.compile(r'<([^>]+)>;\s*rel="next"')


class Interrupted(Exception):
    pass


def on_sigterm(signum, _frame):
    log.warning("signal %s: stopping at the next page; this run writes nothing", signum)
    stopping.set()


def setting(name):
    value = os.environ.get(name, "")
    if not value:
        sys.exit(f"{name} is not set")
    return value


def get_page(url, token):
    """One page of products and the link to the next, waiting out rate limits (HTTP 429)."""
    request = urllib.request.Request(url, headers={"X-Shopify-Access-Token": token, "Accept": "application/json"})
    while True:
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                link = NEXT_LINK.search(response.headers.get("Link", ""))
                return json.load(response)["products"], link.group(1) if link else None
        except urllib.error.HTTPError as error:
            if error.code != 429:
                raise
            wait = float(error.headers.get("Retry-After", "2"))
            log.info("rate limited: waiting %ss", wait)
            if stopping.wait(wait):
                raise Interrupted() from error


def fetch_products(domain, version, token):
    products = []
    url = f"https://{domain}/admin/api/{version}/products.json?limit=250"
    while url:
        if stopping.is_set():
            raise Interrupted()
        page, url = get_page(url, token)
        products.extend(page)
    return products


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, on_sigterm)
    domain, version = setting("SHOPIFY_STORE_DOMAIN"), setting("SHOPIFY_API_VERSION")
    token = setting("SHOPIFY_ACCESS_TOKEN")
    bucket, prefix = setting("LAKE_BUCKET"), setting("LAKE_PREFIX")
    started = datetime.now(timezone.utc)
    try:
        products = fetch_products(domain, version, token)
    except Interrupted:
        return 143
    key = f"{prefix}raw/products/dt={started:%Y-%m-%d}/hour={started:%H}/products.jsonl"
    body = "".join(json.dumps(product, separators=(",", ":")) + "\n" for product in products)
    boto3.client("s3").put_object(Bucket=bucket, Key=key, Body=body.encode(), ContentType="application/x-ndjson")
    log.info("wrote %d products from %s to s3://%s/%s", len(products), domain, bucket, key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
