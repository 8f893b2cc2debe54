import threading
import urllib.error
from datetime import datetime, timezone

import pytest

from main import SettingError, Settings, cursor_key, poll_once, read_settings, serve

ENVIRONMENT = {
    "API_BASE_URL": "https://api.ticketing.example.com/v2",
    "TICKETING_API_KEY": "test-key",
    "LAKE_BUCKET": "lake-bucket",
    "LAKE_PREFIX": "ticketing-api/",
    "LOOP_INTERVAL": "60",
}
POLLED_AT = datetime(2026, 12, 1, 10, 5, 9, tzinfo=timezone.utc)


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


class Lake:
    def __init__(self):
        self.written = {}

    def write(self, key, records):
        self.written[key] = records

    def uri(self, key):
        return f"s3://lake-bucket/{key}"


class Cursor:
    def __init__(self, value=None):
        self.value = value
        self.writes = []

    def read(self, default):
        return self.value or default

    def write(self, since):
        self.writes.append(since)
        self.value = since


def settings():
    return read_settings(ENVIRONMENT)


def test_settings_read_from_the_environment():
    assert settings() == Settings("https://api.ticketing.example.com/v2", "test-key", "lake-bucket", "ticketing-api/", 60)
    assert cursor_key(settings()) == "ticketing-api/state/cursor.json"


def test_loop_interval_that_is_not_seconds_refused():
    with pytest.raises(SettingError) as error:
        read_settings({**ENVIRONMENT, "LOOP_INTERVAL": "5m"})

    assert str(error.value) == "LOOP_INTERVAL is '5m'; expected a whole number of seconds, at least 1"


def test_poll_writes_its_events_at_the_key_of_the_poll_time_then_moves_the_cursor():
    lake, cursor = Lake(), Cursor()
    events = Events([{"id": 1, "type": "ticket.created", "created_at": "2026-12-01T10:04:00Z"}])

    since = poll_once(settings(), events, lake, cursor, "2026-12-01T10:00:00Z", POLLED_AT)

    assert since == "2026-12-01T10:04:00Z"
    assert cursor.writes == ["2026-12-01T10:04:00Z"]
    assert list(lake.written) == ["ticketing-api/events/dt=2026-12-01/hour=10/part-20261201T100509Z.jsonl.gz"]
    assert [r["event_id"] for r in lake.written[next(iter(lake.written))]] == ["1"]


def test_poll_without_new_events_writes_nothing():
    lake, cursor = Lake(), Cursor()

    assert poll_once(settings(), Events([]), lake, cursor, "2026-12-01T10:00:00Z", POLLED_AT) == "2026-12-01T10:00:00Z"
    assert lake.written == {}
    assert cursor.writes == []


def test_failed_poll_retried_from_the_same_cursor_until_stopped():
    stopping = threading.Event()
    lake, cursor = Lake(), Cursor("2026-12-01T09:00:00Z")

    class StopAfterSecond(Events):
        def read(self, since):
            if len(self.asked) == 1:
                stopping.set()
            return super().read(since)

    events = StopAfterSecond(urllib.error.URLError("timed out"), [{"id": 2, "created_at": "2026-12-01T10:00:00Z"}])
    ticking = Settings("https://api", "k", "lake-bucket", "ticketing-api/", 1)

    assert serve(ticking, events, lake, cursor, stopping, now=lambda: POLLED_AT) == 0
    assert events.asked == ["2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z"]
    assert cursor.value == "2026-12-01T10:00:00Z"
