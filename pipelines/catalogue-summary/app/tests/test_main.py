import threading
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
from data_platform_runtime import LocalLake
from data_platform_runtime.testing import files_written, pipeline_environment, pipeline_settings

from main import main, run

START = datetime(2026, 12, 1, 10, tzinfo=UTC)
END = datetime(2026, 12, 1, 11, tzinfo=UTC)
INTERVAL = ("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z")
# What shopify-products wrote for the same interval (its columns that the summary reads).
SNAPSHOT = "shopify-products/products/dt=2026-12-01/hour=10/part-20261201T1000Z.parquet"
SUMMARY = "dt=2026-12-01/hour=10/part-20261201T1000Z.parquet"


def snapshot(lake_dir, products):
    path = lake_dir / SNAPSHOT
    path.parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(products, schema=pa.schema([("id", pa.int64()), ("status", pa.string()), ("vendor", pa.string()),
                                                                      ("product_type", pa.string())])), path)


def test_run_writes_the_summary_of_the_same_intervals_snapshot_as_the_declared_dataset(tmp_path):
    snapshot(tmp_path, [{"id": 1, "status": "active", "vendor": "Acme", "product_type": "Mug"}])
    lake, settings = LocalLake(tmp_path), pipeline_settings(__file__, tmp_path, INTERVAL)

    assert run(settings, lake, threading.Event()) == 0
    assert files_written(lake, settings) == {"summary": [SUMMARY]}
    assert lake.read_records(settings.dataset("summary"), START) == [
        {"dimension": "status", "value": "active", "products": 1, "interval_start": START, "interval_end": END},
        {"dimension": "vendor", "value": "Acme", "products": 1, "interval_start": START, "interval_end": END},
        {"dimension": "product_type", "value": "Mug", "products": 1, "interval_start": START, "interval_end": END},
    ]


def test_missing_snapshot_fails_the_run_and_writes_nothing(tmp_path, caplog):
    lake = LocalLake(tmp_path)

    assert run(pipeline_settings(__file__, tmp_path, INTERVAL), lake, threading.Event()) == 1
    assert lake.list_objects("") == []
    assert (
        f"no shopify-products.products file for the interval starting 2026-12-01T10:00:00Z under {tmp_path}/shopify-products/products/dt=2026-12-01: "
        "did shopify-products succeed for it?"
    ) in caplog.text


def test_stop_requested_before_writing_exits_143_and_writes_nothing(tmp_path):
    snapshot(tmp_path, [])
    stopping = threading.Event()
    stopping.set()

    settings = pipeline_settings(__file__, tmp_path, INTERVAL)

    assert run(settings, LocalLake(tmp_path), stopping) == 143
    assert files_written(LocalLake(tmp_path), settings) == {}


def test_main_runs_against_the_local_lake_of_lake_dir(tmp_path):
    snapshot(tmp_path, [{"id": 1, "status": "draft"}])

    assert main(pipeline_environment(__file__, tmp_path, INTERVAL)) == 0
    assert (tmp_path / pipeline_settings(__file__, tmp_path).dataset("summary").prefix / SUMMARY).is_file()


def test_main_exits_1_before_any_call_when_a_setting_is_missing(tmp_path, caplog):
    assert main({**pipeline_environment(__file__, tmp_path, INTERVAL), "LAKE_DIR": ""}) == 1
    assert "neither LAKE_BUCKET (the data lake in S3, set by the platform) nor LAKE_DIR" in caplog.text
