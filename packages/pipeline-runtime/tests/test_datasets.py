import json

import pyarrow as pa
import pytest
from data_platform_runtime import DeclarationError, dataset_prefix
from data_platform_runtime.datasets import datasets_from_json, datasets_from_manifest

from conftest import PRODUCTS, dataset


def test_declaration_read_with_columns_in_their_declared_order():
    products = datasets_from_json(json.dumps({"products": PRODUCTS}))["products"]

    assert (products.pipeline, products.name, products.qualified_name) == ("shop", "products", "shop.products")
    assert (products.prefix, products.table, products.partitioned_by, products.format) == ("shop/products/", "shop_products", "hour", "parquet")
    assert [(c.name, c.type.text, c.nullable) for c in products.columns][:3] == [
        ("id", "bigint", False),
        ("title", "string", True),
        ("price", "decimal(10,2)", True),
    ]


def test_arrow_schema_is_the_declared_columns_with_their_nullability():
    schema = dataset(columns={"id": {"type": "bigint", "nullable": False}, "at": "timestamp"}).arrow_schema()

    assert schema == pa.schema([pa.field("id", pa.int64(), nullable=False), pa.field("at", pa.timestamp("ms"))])


def test_declaration_that_is_not_json_refused():
    with pytest.raises(DeclarationError) as error:
        datasets_from_json("{products")

    assert str(error.value) == (
        "the datasets' declaration in LAKE_DATASETS cannot be read: not JSON (Expecting property name enclosed in double quotes at character 1); "
        "it is written by synth from main.ts's datasets"
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"format": "csv"}, "dataset 'products': format is 'csv'; expected one of parquet, jsonl, jsonl.gz"),
        ({"partitionedBy": "minute"}, "dataset 'products': partitionedBy is 'minute'; expected one of day, hour"),
        ({"prefix": "products"}, "dataset 'products': prefix is 'products'; expected <pipeline>/<dataset>/"),
        ({"columns": {}}, "dataset 'products': columns is missing or empty"),
    ],
)
def test_malformed_dataset_refused_naming_the_field(change, reason):
    with pytest.raises(DeclarationError) as error:
        datasets_from_json(json.dumps({"products": {**PRODUCTS, **change}}), "the manifest")

    assert str(error.value) == f"the datasets' declaration in the manifest cannot be read: {reason}; it is written by synth from main.ts's datasets"


def test_column_type_the_runtime_cannot_read_named_with_its_dataset():
    with pytest.raises(DeclarationError) as error:
        dataset(columns={"id": "integer"})

    assert str(error.value) == "dataset shop.products: column id has type 'integer', which the runtime cannot read: 'integer' is not an Athena type"


def test_reference_to_another_pipelines_dataset_is_its_prefix():
    assert dataset_prefix("shopify-products.products") == "shopify-products/products/"


def test_malformed_reference_refused():
    with pytest.raises(DeclarationError) as error:
        dataset_prefix("shopify-products/products")

    assert str(error.value) == "dataset reference 'shopify-products/products' is not <pipeline>.<dataset>, e.g. shopify-products.products"


def test_manifest_datasets_are_the_first_environments(tmp_path):
    manifest = tmp_path / "fleet-manifest.json"
    manifest.write_text(json.dumps({"kind": "pipeline", "environments": {"dev": {"datasets": {"products": PRODUCTS}}, "prod": {"datasets": {}}}}))

    assert list(datasets_from_manifest(manifest)) == ["products"]


def test_manifest_without_environments_refused(tmp_path):
    manifest = tmp_path / "fleet-manifest.json"
    manifest.write_text(json.dumps({"kind": "access"}))

    with pytest.raises(DeclarationError, match="it has no environments"):
        datasets_from_manifest(manifest)
