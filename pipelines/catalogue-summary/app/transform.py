"""From one product snapshot to the records of the `summary` dataset: pure functions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from data_platform_runtime import Interval

DIMENSIONS = ("status", "vendor", "product_type")
UNKNOWN = "unknown"


def summary_records(products: list[dict[str, Any]], interval: Interval) -> list[dict[str, Any]]:
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
                    "interval_start": interval.start,
                    "interval_end": interval.end,
                }
            )
    return records
