"""Datasets as synth declares them, for the tests of every module."""

from __future__ import annotations

from typing import Any

import pytest
from data_platform_runtime.datasets import Dataset, parse_datasets

PRODUCTS: dict[str, Any] = {
    "prefix": "shop/products/",
    "table": "shop_products",
    "partitionedBy": "hour",
    "format": "parquet",
    "columns": {
        "id": {"type": "bigint", "nullable": False},
        "title": {"type": "string"},
        "price": {"type": "decimal(10,2)"},
        "tags": {"type": "array<string>"},
        "attributes": {"type": "map<string,string>"},
        "size": {"type": "struct<width:int,height:int>"},
        "released": {"type": "date"},
        "updated_at": {"type": "timestamp"},
    },
}


def dataset(name: str = "products", **changes: Any) -> Dataset:
    """PRODUCTS (or a variant of it) as the runtime reads it from LAKE_DATASETS."""
    return parse_datasets({name: {**PRODUCTS, **changes}}, "test")[name]


@pytest.fixture
def products() -> Dataset:
    return dataset()
