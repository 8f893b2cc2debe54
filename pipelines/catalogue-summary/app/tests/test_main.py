import threading
from datetime import datetime, timezone

import pytest

from lake import Interval
from main import SettingError, Settings, main, read_settings, run, snapshot_key

ENVIRONMENT = {
    "LAKE_BUCKET": "lake-bucket",
    "LAKE_PREFIX": "catalogue-summary/",
    "DATA_INTERVAL_START": "2026-12-01T10:00:00Z",
    "DATA_INTERVAL_END": "2026-12-01T11:00:00Z",
    "RUN_ID": "after-20261201T1000Z-20261201T1100Z",
}
SNAPSHOT = "shopify-products/products/dt=2026-12-01/hour=10/part-20261201T1000Z.jsonl.gz"


class Lake:
    def __init__(self, objects):
        self.objects = dict(objects)
        self.written = {}

    def read(self, key):
        return self.objects.get(key)

    def write(self, key, records):
        self.written[key] = records

    def uri(self, key):
        return f"s3://lake-bucket/{key}"


def test_settings_read_from_the_environment_with_the_interval():
    assert read_settings(ENVIRONMENT) == Settings(
        lake_bucket="lake-bucket",
        lake_prefix="catalogue-summary/",
        interval=Interval(datetime(2026, 12, 1, 10, tzinfo=timezone.utc), datetime(2026, 12, 1, 11, tzinfo=timezone.utc)),
        run_id="after-20261201T1000Z-20261201T1100Z",
    )


def test_missing_setting_named():
    with pytest.raises(SettingError) as error:
        read_settings({**ENVIRONMENT, "RUN_ID": ""})

    assert str(error.value) == "RUN_ID is not set"


def test_reads_the_snapshot_of_the_same_interval():
    assert snapshot_key(read_settings(ENVIRONMENT).interval) == SNAPSHOT


def test_run_writes_the_summary_at_the_key_of_its_interval():
    lake = Lake({SNAPSHOT: [{"id": 1, "status": "active", "vendor": "Acme", "product_type": "Mug"}]})

    assert run(read_settings(ENVIRONMENT), lake, threading.Event()) == 0
    assert list(lake.written) == ["catalogue-summary/summary/dt=2026-12-01/hour=10/part-20261201T1000Z.jsonl.gz"]
    assert [(r["dimension"], r["value"], r["products"]) for r in next(iter(lake.written.values()))] == [
        ("status", "active", 1),
        ("vendor", "Acme", 1),
        ("product_type", "Mug", 1),
    ]


def test_missing_snapshot_fails_the_run_and_writes_nothing(caplog):
    lake = Lake({})

    assert run(read_settings(ENVIRONMENT), lake, threading.Event()) == 1
    assert lake.written == {}
    assert f"no snapshot at s3://lake-bucket/{SNAPSHOT}: did shopify-products succeed for this interval?" in caplog.text


def test_stop_requested_before_writing_exits_143_and_writes_nothing():
    stopping = threading.Event()
    stopping.set()
    lake = Lake({SNAPSHOT: []})

    assert run(read_settings(ENVIRONMENT), lake, stopping) == 143
    assert lake.written == {}


def test_main_exits_1_before_any_aws_call_when_a_setting_is_missing(caplog):
    assert main({**ENVIRONMENT, "LAKE_BUCKET": ""}) == 1
    assert "LAKE_BUCKET is not set" in caplog.text
