"""From the Shopify products of one snapshot to the records of the `products` dataset: pure functions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from data_platform_runtime import parse_timestamp


def product_record(product: dict[str, Any], snapshot_at: datetime) -> dict[str, Any]:
    """One product as the dataset's columns: id a number, status lowercase, times aware UTC datetimes."""
    updated_at = product.get("updated_at")
    return {
        "id": int(product["id"]),
        "title": product.get("title"),
        "vendor": product.get("vendor"),
        "product_type": product.get("product_type"),
        "status": (product.get("status") or "").lower() or None,
        "updated_at": parse_timestamp(updated_at) if updated_at else None,
        "snapshot_at": snapshot_at,
    }


def product_records(products: list[dict[str, Any]], snapshot_at: datetime) -> list[dict[str, Any]]:
    """
    The snapshot's records, one per product id, sorted by id. Pages can shift while they are read
    (a product edited meanwhile moves), so a product seen twice keeps its latest `updated_at`.
    """
    latest: dict[int, dict[str, Any]] = {}
    for product in products:
        record = product_record(product, snapshot_at)
        seen = latest.get(record["id"])
        if seen is None or _updated(record) >= _updated(seen):
            latest[record["id"]] = record
    return [latest[key] for key in sorted(latest)]


def _updated(record: dict[str, Any]) -> datetime:
    updated: datetime | None = record["updated_at"]
    return updated if updated is not None else datetime.min.replace(tzinfo=record["snapshot_at"].tzinfo)
