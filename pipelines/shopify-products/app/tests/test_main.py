from datetime import datetime, timezone

import pytest

from lake import Interval
from main import SettingError, Settings, main, read_settings, run
from shopify_api import Interrupted

ENVIRONMENT = {
    "SHOPIFY_STORE_DOMAIN": "acme-demo.myshopify.com",
    "SHOPIFY_API_VERSION": "2025-01",
    "SHOPIFY_ACCESS_TOKEN": "test-token",
    "LAKE_BUCKET": "lake-bucket",
    "LAKE_PREFIX": "shopify-products/",
    "DATA_INTERVAL_START": "2026-12-01T10:00:00Z",
    "DATA_INTERVAL_END": "2026-12-01T11:00:00Z",
    "RUN_ID": "schedule-20261201T1000Z-20261201T1100Z",
}


class Catalogue:
    def __init__(self, products=None, interrupted=False):
        self.products = products or []
        self.interrupted = interrupted

    def read(self):
        if self.interrupted:
            raise Interrupted()
        return self.products


class Lake:
    def __init__(self):
        self.written = {}

    def write(self, key, records):
        self.written[key] = records

    def uri(self, key):
        return f"s3://lake-bucket/{key}"


def settings():
    return read_settings(ENVIRONMENT)


def now():
    return datetime(2026, 12, 1, 11, 5, tzinfo=timezone.utc)


def test_settings_read_from_the_environment_with_the_interval():
    assert settings() == Settings(
        store_domain="acme-demo.myshopify.com",
        api_version="2025-01",
        access_token="test-token",
        lake_bucket="lake-bucket",
        lake_prefix="shopify-products/",
        interval=Interval(datetime(2026, 12, 1, 10, tzinfo=timezone.utc), datetime(2026, 12, 1, 11, tzinfo=timezone.utc)),
        run_id="schedule-20261201T1000Z-20261201T1100Z",
    )


def test_missing_setting_named():
    with pytest.raises(SettingError) as error:
        read_settings({**ENVIRONMENT, "DATA_INTERVAL_END": ""})

    assert str(error.value) == "DATA_INTERVAL_END is not set"


def test_run_writes_the_snapshot_at_the_key_of_its_interval():
    lake = Lake()

    code = run(settings(), Catalogue([{"id": 1, "title": "Tee", "status": "active"}]), lake, now)

    assert code == 0
    assert lake.written == {
        "shopify-products/products/dt=2026-12-01/hour=10/part-20261201T1000Z.jsonl.gz": [
            {"id": 1, "title": "Tee", "vendor": None, "product_type": None, "status": "active", "updated_at": None, "snapshot_at": "2026-12-01 11:05:00"}
        ]
    }


def test_rerun_of_an_interval_writes_the_same_key():
    first, second = Lake(), Lake()

    run(settings(), Catalogue([{"id": 1}]), first, now)
    run(settings(), Catalogue([{"id": 1}, {"id": 2}]), second, now)

    assert list(first.written) == list(second.written)


def test_interrupted_run_writes_nothing_and_exits_143():
    lake = Lake()

    assert run(settings(), Catalogue(interrupted=True), lake, now) == 143
    assert lake.written == {}


def test_main_exits_1_before_any_aws_call_when_a_setting_is_missing(caplog):
    assert main({**ENVIRONMENT, "SHOPIFY_ACCESS_TOKEN": ""}) == 1
    assert "SHOPIFY_ACCESS_TOKEN is not set" in caplog.text


def test_main_exits_1_on_a_malformed_interval(caplog):
    assert main({**ENVIRONMENT, "DATA_INTERVAL_START": "yesterday"}) == 1
    assert "DATA_INTERVAL_START is 'yesterday'" in caplog.text
