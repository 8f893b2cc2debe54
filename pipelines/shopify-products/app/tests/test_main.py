from datetime import UTC, datetime

import pytest
from data_platform_runtime import LocalLake, RecordError
from data_platform_runtime.local_duckdb import connect_local_lake
from data_platform_runtime.testing import files_written, pipeline_environment, pipeline_settings

import transform
from main import main, run
from shopify_api import Interrupted

START = datetime(2026, 12, 1, 10, tzinfo=UTC)
INTERVAL = ("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z")
VARIABLES = {"SHOPIFY_STORE_DOMAIN": "acme-demo.myshopify.com", "SHOPIFY_API_VERSION": "2025-01", "SHOPIFY_ACCESS_TOKEN": "test-token"}
# Where the hourly snapshot of the interval starting at 10:00 goes, under the dataset's prefix.
PART = "dt=2026-12-01/hour=10/part-20261201T1000Z.parquet"


class Catalogue:
    def __init__(self, products=None, interrupted=False):
        self.products = products or []
        self.interrupted = interrupted

    def read(self):
        if self.interrupted:
            raise Interrupted()
        return self.products


def environment(lake_dir):
    return pipeline_environment(__file__, lake_dir, INTERVAL, run_id="schedule-20261201T1000Z-20261201T1100Z", variables=VARIABLES)


def settings(lake_dir):
    return pipeline_settings(__file__, lake_dir, INTERVAL, variables=VARIABLES)


def now():
    return datetime(2026, 12, 1, 11, 5, tzinfo=UTC)


def test_run_writes_the_snapshot_as_the_declared_dataset_in_the_partition_of_its_interval(tmp_path):
    lake = LocalLake(tmp_path)

    code = run(settings(tmp_path), Catalogue([{"id": 1, "title": "Tee", "status": "active"}]), lake, now)

    assert code == 0
    products = settings(tmp_path).dataset("products")
    assert files_written(lake, settings(tmp_path)) == {"products": [PART]}
    assert lake.read_records(products, START) == [
        {"id": 1, "title": "Tee", "vendor": None, "product_type": None, "status": "active", "updated_at": None, "snapshot_at": now()}
    ]


def test_snapshot_is_the_table_athena_reads(tmp_path):
    products = [{"id": n, "vendor": "Acme" if n % 3 else "Globex", "status": "active"} for n in range(1, 10)]
    run(settings(tmp_path), Catalogue(products), LocalLake(tmp_path), now)

    connection = connect_local_lake(tmp_path, settings(tmp_path).datasets.values(), "data_platform_dev")

    table = settings(tmp_path).dataset("products").table
    query = f"SELECT vendor, count(*) FROM data_platform_dev.{table} WHERE dt = '2026-12-01' AND hour = '10' GROUP BY 1 ORDER BY 1"
    assert connection.execute(query).fetchall() == [("Acme", 6), ("Globex", 3)]


def test_records_that_stray_from_the_declared_columns_write_nothing(tmp_path, monkeypatch):
    lake = LocalLake(tmp_path)
    renamed = transform.product_record

    def with_vendor_renamed(product, snapshot_at):
        record = renamed(product, snapshot_at)
        record["vendor_name"] = record.pop("vendor")
        return record

    monkeypatch.setattr(transform, "product_record", with_vendor_renamed)

    with pytest.raises(RecordError, match="row 0 has column 'vendor_name' = 'Acme' \\(str\\), which the dataset does not declare"):
        run(settings(tmp_path), Catalogue([{"id": 1, "vendor": "Acme"}]), lake, now)
    assert lake.list_objects("") == []


def test_rerun_of_an_interval_replaces_its_snapshot(tmp_path):
    lake = LocalLake(tmp_path)

    run(settings(tmp_path), Catalogue([{"id": 1}, {"id": 2}]), lake, now)
    run(settings(tmp_path), Catalogue([{"id": 3}]), lake, now)

    products = settings(tmp_path).dataset("products")
    assert files_written(lake, settings(tmp_path)) == {"products": [PART]}
    assert [r["id"] for r in lake.read_records(products, START) or []] == [3]


def test_interrupted_run_writes_nothing_and_exits_143(tmp_path):
    lake = LocalLake(tmp_path)

    assert run(settings(tmp_path), Catalogue(interrupted=True), lake, now) == 143
    assert lake.list_objects("") == []


def test_main_exits_1_before_any_call_when_a_secret_is_missing(tmp_path, caplog):
    assert main({**environment(tmp_path), "SHOPIFY_ACCESS_TOKEN": ""}) == 1
    assert "SHOPIFY_ACCESS_TOKEN is not set" in caplog.text


def test_main_exits_1_on_a_malformed_interval(tmp_path, caplog):
    assert main({**environment(tmp_path), "DATA_INTERVAL_START": "yesterday"}) == 1
    assert "DATA_INTERVAL_START is 'yesterday'" in caplog.text
