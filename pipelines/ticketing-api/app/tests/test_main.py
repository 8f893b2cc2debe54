import threading
import urllib.error
from datetime import UTC, datetime

import pyarrow.parquet as pq
import pytest
from data_platform_runtime import LocalLake, RecordError
from data_platform_runtime.testing import files_written, pipeline_environment, pipeline_settings

from main import cursor_key, main, poll_once, serve

VARIABLES = {"API_BASE_URL": "https://api.ticketing.example.com/v2", "TICKETING_API_KEY": "test-key", "LOOP_INTERVAL": "60"}
POLLED_AT = datetime(2026, 12, 1, 10, 5, 9, tzinfo=UTC)
# The hourly partition of the poll time, the file named by it to the second.
PART = "dt=2026-12-01/hour=10/part-20261201T100509Z.parquet"


class Events:
    def __init__(self, *batches):
        self.batches = list(batches)
        self.asked = []

    def read(self, since):
        self.asked.append(since)
        batch = self.batches.pop(0)
        if isinstance(batch, Exception):
            raise batch
        return batch


class Cursor:
    def __init__(self, value=None):
        self.value = value
        self.writes = []

    def read(self, default):
        return self.value or default

    def write(self, since):
        self.writes.append(since)
        self.value = since


def settings(lake_dir, **variables):
    return pipeline_settings(__file__, lake_dir, variables={**VARIABLES, **variables})


def test_a_service_settings_and_its_cursor_key(tmp_path):
    assert settings(tmp_path).interval is None
    assert settings(tmp_path).loop_interval_seconds() == 60
    assert cursor_key(settings(tmp_path)) == f"{settings(tmp_path).lake_prefix}state/cursor.json"


def test_poll_writes_its_events_as_the_file_of_the_poll_time_then_moves_the_cursor(tmp_path):
    lake, cursor = LocalLake(tmp_path), Cursor()
    events = Events([{"id": 1, "type": "ticket.created", "created_at": "2026-12-01T10:04:00Z"}])

    since = poll_once(settings(tmp_path), events, lake, cursor, "2026-12-01T10:00:00Z", POLLED_AT)

    assert since == "2026-12-01T10:04:00Z"
    assert cursor.writes == ["2026-12-01T10:04:00Z"]
    assert files_written(lake, settings(tmp_path)) == {"events": [PART]}
    assert pq.read_table(tmp_path / settings(tmp_path).dataset("events").prefix / PART).to_pylist() == [
        {
            "event_id": "1",
            "event_type": "ticket.created",
            "occurred_at": datetime(2026, 12, 1, 10, 4),
            "received_at": datetime(2026, 12, 1, 10, 5, 9),
            "payload": '{"id":1,"type":"ticket.created","created_at":"2026-12-01T10:04:00Z"}',
        }
    ]


def test_poll_without_new_events_writes_nothing(tmp_path):
    lake, cursor = LocalLake(tmp_path), Cursor()

    assert poll_once(settings(tmp_path), Events([]), lake, cursor, "2026-12-01T10:00:00Z", POLLED_AT) == "2026-12-01T10:00:00Z"
    assert lake.list_objects("") == []
    assert cursor.writes == []


def test_failed_poll_retried_from_the_same_cursor_until_stopped(tmp_path):
    stopping = threading.Event()
    lake, cursor = LocalLake(tmp_path), Cursor("2026-12-01T09:00:00Z")

    class StopAfterSecond(Events):
        def read(self, since):
            if len(self.asked) == 1:
                stopping.set()
            return super().read(since)

    events = StopAfterSecond(urllib.error.URLError("timed out"), [{"id": 2, "created_at": "2026-12-01T10:00:00Z"}])

    assert serve(settings(tmp_path), events, lake, cursor, stopping, now=lambda: POLLED_AT, every_seconds=0) == 0
    assert events.asked == ["2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z"]
    assert cursor.value == "2026-12-01T10:00:00Z"


def test_events_that_stray_from_the_declaration_stop_the_service_instead_of_retrying(tmp_path):
    events = Events([{"id": 3, "type": 42, "created_at": "2026-12-01T10:00:00Z"}])

    with pytest.raises(RecordError, match=r"row 0, column event_type is 42 \(int\); expected a str"):
        serve(settings(tmp_path), events, LocalLake(tmp_path), Cursor(), threading.Event(), now=lambda: POLLED_AT, every_seconds=0)


def test_main_exits_1_when_the_api_key_is_missing(tmp_path, caplog):
    assert main({**pipeline_environment(__file__, tmp_path, variables=VARIABLES), "TICKETING_API_KEY": ""}) == 1
    assert "TICKETING_API_KEY is not set" in caplog.text
