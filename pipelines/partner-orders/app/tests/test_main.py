import threading
from datetime import datetime, timezone

import pytest

from main import SettingError, main, read_settings, run

ENVIRONMENT = {
    "LAKE_BUCKET": "lake-bucket",
    "LAKE_PREFIX": "partner-orders/",
    "DATA_INTERVAL_START": "2026-12-01T10:00:00Z",
    "DATA_INTERVAL_END": "2026-12-01T10:07:00Z",
    "RUN_ID": "data-20261201T1000Z-20261201T1007Z",
}
HEADER = "order_id,customer_email,amount,currency,ordered_at\n"
KEY = "partner-orders/orders/dt=2026-12-01/part-20261201T1000Z.jsonl.gz"


def utc(*parts):
    return datetime(*parts, tzinfo=timezone.utc)


class Lake:
    """The dropped files (key -> (last modified, text)) and what the run writes."""

    def __init__(self, files):
        self.files = files
        self.written = {}
        self.listed = []

    def list(self, prefix):
        self.listed.append(prefix)
        return [{"key": k, "last_modified": t} for k, (t, _) in sorted(self.files.items()) if k.startswith(prefix)]

    def read_text(self, key):
        return self.files[key][1]

    def write(self, key, records):
        self.written[key] = records

    def uri(self, key):
        return f"s3://lake-bucket/{key}"


def test_missing_setting_named():
    with pytest.raises(SettingError) as error:
        read_settings({**ENVIRONMENT, "LAKE_PREFIX": ""})

    assert str(error.value) == "LAKE_PREFIX is not set"


def test_run_writes_the_orders_dropped_in_its_interval_at_the_key_of_its_interval():
    lake = Lake({
        "partner-drops/orders/1.csv": (utc(2026, 12, 1, 10, 2), HEADER + "A-1,a@example.com,1.00,EUR,2026-12-01T09:00:00Z\n"),
        "partner-drops/orders/0.csv": (utc(2026, 12, 1, 9, 0), HEADER + "OLD,o@example.com,1.00,EUR,2026-12-01T08:00:00Z\n"),
    })

    assert run(read_settings(ENVIRONMENT), lake, threading.Event()) == 0
    assert lake.listed == ["partner-drops/orders/"]
    assert {key: [r["order_id"] for r in records] for key, records in lake.written.items()} == {KEY: ["A-1"]}


def test_interval_without_files_writes_an_empty_part_so_a_rerun_replaces_the_old_one():
    lake = Lake({})

    assert run(read_settings(ENVIRONMENT), lake, threading.Event()) == 0
    assert lake.written == {KEY: []}


def test_unreadable_file_fails_the_run_and_writes_nothing(caplog):
    lake = Lake({"partner-drops/orders/1.csv": (utc(2026, 12, 1, 10, 2), "id,total\n1,2\n")})

    assert run(read_settings(ENVIRONMENT), lake, threading.Event()) == 1
    assert lake.written == {}
    assert "partner-drops/orders/1.csv: the header is 'id,total'" in caplog.text


def test_stop_requested_exits_143_and_writes_nothing():
    stopping = threading.Event()
    stopping.set()
    lake = Lake({"partner-drops/orders/1.csv": (utc(2026, 12, 1, 10, 2), HEADER)})

    assert run(read_settings(ENVIRONMENT), lake, stopping) == 143
    assert lake.written == {}


def test_main_exits_1_before_any_aws_call_when_the_interval_is_missing(caplog):
    assert main({**ENVIRONMENT, "DATA_INTERVAL_START": ""}) == 1
    assert "DATA_INTERVAL_START is not set" in caplog.text
