import io
import json
import threading

from data_platform_runtime import LocalLake

from ticketing_api import LakeCursor, TicketingEvents


class Page(io.BytesIO):
    def __init__(self, events, next_url=None):
        super().__init__(json.dumps({"data": events, "next": next_url}).encode())


def test_events_read_page_after_page_with_the_api_key():
    pages = [Page([{"id": 1}], "https://api.example.com/v2/events?page=2"), Page([{"id": 2}])]
    requests = []

    def open_url(request, timeout):
        requests.append((request.full_url, request.get_header("Authorization")))
        return pages.pop(0)

    events = TicketingEvents("https://api.example.com/v2/", "k", threading.Event(), open_url).read("2026-12-01T10:00:00Z")

    assert events == [{"id": 1}, {"id": 2}]
    assert requests == [
        ("https://api.example.com/v2/events?created_after=2026-12-01T10%3A00%3A00Z&limit=500", "Bearer k"),
        ("https://api.example.com/v2/events?page=2", "Bearer k"),
    ]


def test_cursor_kept_in_the_lake_and_read_back_by_the_next_task(tmp_path):
    lake = LocalLake(tmp_path)
    key = "ticketing-api/state/cursor.json"

    assert LakeCursor(lake, key).read(default="2026-12-01T00:00:00Z") == "2026-12-01T00:00:00Z"
    LakeCursor(lake, key).write("2026-12-01T10:04:00Z")
    assert LakeCursor(LocalLake(tmp_path), key).read(default="x") == "2026-12-01T10:04:00Z"
    assert json.loads((tmp_path / key).read_text()) == {"created_after": "2026-12-01T10:04:00Z"}
