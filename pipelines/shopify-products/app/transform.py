"""From the Shopify products of one snapshot to the records of the `products` dataset: pure functions."""
from __future__ import annotations

from datetime import datetime

from lake import parse_timestamp, record_time

COLUMNS = ("id", "title", "vendor", "product_type", "status", "updated_at", "snapshot_at")


def product_record(product: dict, snapshot_at: datetime) -> dict:
    """One product as the dataset's columns: id a number, status lowercase, times UTC `YYYY-MM-DD HH:MM:SS`."""
    updated_at = product.get("updated_at")
    return {
        "id": int(product["id"]),
        "title": product.get("title"),
        "vendor": product.get("vendor"),
        "product_type": product.get("product_type"),
        "status": (product.get("status") or "").lower() or None,
        "updated_at": record_time(parse_timestamp(updated_at)) if updated_at else None,
        "snapshot_at": record_time(snapshot_at),
    }


def product_records(products: list[dict], snapshot_at: datetime) -> list[dict]:
    """
    The snapshot's records, one per product id, sorted by id. Pages can shift while they are read
    (a product edited meanwhile moves), so a product seen twice keeps its latest `updated_at`.
    """
    latest: dict[int, dict] = {}
    for product in products:
        record = product_record(product, snapshot_at)
        seen = latest.get(record["id"])
        if seen is None or (record["updated_at"] or "") >= (seen["updated_at"] or ""):
            latest[record["id"]] = record
    return [latest[key] for key in sorted(latest)]
