import os
import threading
from datetime import UTC, datetime

from data_platform_runtime import LocalLake
from data_platform_runtime.testing import files_written, pipeline_environment, pipeline_settings

from main import main, run

START = datetime(2026, 12, 1, 10, tzinfo=UTC)
INTERVAL = ("2026-12-01T10:00:00Z", "2026-12-01T10:07:00Z")
HEADER = "order_id,customer_email,amount,currency,ordered_at\n"
# The daily partition of the interval start, the file named by it.
PART = "dt=2026-12-01/part-20261201T1000Z.parquet"


def drop(lake_dir, key, text, modified):
    """A file the partner dropped, last modified at `modified`."""
    LocalLake(lake_dir).put_bytes(key, text.encode("utf-8"))
    os.utime(lake_dir / key, (modified.timestamp(), modified.timestamp()))


def test_run_writes_the_orders_dropped_in_its_interval_as_the_declared_dataset(tmp_path):
    drop(tmp_path, "partner-drops/orders/1.csv", HEADER + "A-1,a@example.com,1.00,EUR,2026-12-01T09:00:00Z\n", datetime(2026, 12, 1, 10, 2, tzinfo=UTC))
    drop(tmp_path, "partner-drops/orders/0.csv", HEADER + "OLD,o@example.com,1.00,EUR,2026-12-01T08:00:00Z\n", datetime(2026, 12, 1, 9, tzinfo=UTC))
    lake, settings = LocalLake(tmp_path), pipeline_settings(__file__, tmp_path, INTERVAL)

    assert run(settings, lake, threading.Event()) == 0
    assert files_written(lake, settings) == {"orders": [PART]}
    assert lake.read_records(settings.dataset("orders"), START) == [
        {
            "order_id": "A-1",
            "customer_email": "a@example.com",
            "amount_cents": 100,
            "currency": "EUR",
            "ordered_at": datetime(2026, 12, 1, 9, tzinfo=UTC),
            "source_object": "partner-drops/orders/1.csv",
        }
    ]


def test_interval_without_files_writes_an_empty_part_so_a_rerun_replaces_the_old_one(tmp_path):
    lake = LocalLake(tmp_path)

    settings = pipeline_settings(__file__, tmp_path, INTERVAL)

    assert run(settings, lake, threading.Event()) == 0
    assert lake.read_records(settings.dataset("orders"), START) == []


def test_unreadable_file_fails_the_run_and_writes_nothing(tmp_path, caplog):
    drop(tmp_path, "partner-drops/orders/1.csv", "id,total\n1,2\n", datetime(2026, 12, 1, 10, 2, tzinfo=UTC))

    settings = pipeline_settings(__file__, tmp_path, INTERVAL)

    assert run(settings, LocalLake(tmp_path), threading.Event()) == 1
    assert files_written(LocalLake(tmp_path), settings) == {}
    assert "partner-drops/orders/1.csv: the header is 'id,total'" in caplog.text


def test_stop_requested_exits_143_and_writes_nothing(tmp_path):
    drop(tmp_path, "partner-drops/orders/1.csv", HEADER, datetime(2026, 12, 1, 10, 2, tzinfo=UTC))
    stopping = threading.Event()
    stopping.set()

    settings = pipeline_settings(__file__, tmp_path, INTERVAL)

    assert run(settings, LocalLake(tmp_path), stopping) == 143
    assert files_written(LocalLake(tmp_path), settings) == {}


def test_main_exits_1_before_any_call_when_the_interval_is_missing(tmp_path, caplog):
    assert main({**pipeline_environment(__file__, tmp_path, INTERVAL), "DATA_INTERVAL_START": ""}) == 1
    assert "DATA_INTERVAL_END is set but DATA_INTERVAL_START is not" in caplog.text
