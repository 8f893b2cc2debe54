"""From one product snapshot to the records of the `summary` dataset: pure functions."""
from __future__ import annotations

from collections import Counter

from lake import Interval, record_time

DIMENSIONS = ("status", "vendor", "product_type")
UNKNOWN = "unknown"


def summary_records(products: list[dict], interval: Interval) -> list[dict]:
    """
    How many products have each status, vendor and product type, one record per dimension and
    value, in the order of DIMENSIONS then value. A missing or empty value counts as "unknown".
    """
    records = []
    for dimension in DIMENSIONS:
        counts = Counter((product.get(dimension) or UNKNOWN) for product in products)
        for value in sorted(counts):
            records.append(
                {
                    "dimension": dimension,
                    "value": value,
                    "products": counts[value],
                    "interval_start": record_time(interval.start),
                    "interval_end": record_time(interval.end),
                }
            )
    return records
