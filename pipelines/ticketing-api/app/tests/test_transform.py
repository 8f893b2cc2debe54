import json
from datetime import UTC, datetime

from transform import event_records, next_cursor

RECEIVED_AT = datetime(2026, 12, 1, 10, 5, 9, tzinfo=UTC)


def test_events_become_records_with_the_raw_event_as_payload():
    event = {"id": 981, "type": "ticket.created", "created_at": "2026-12-01T11:04:30+01:00", "ticket": {"id": 7, "subject": "Refund"}}

    records = event_records([event], RECEIVED_AT)

    assert records == [
        {
            "event_id": "981",
            "event_type": "ticket.created",
            "occurred_at": datetime(2026, 12, 1, 10, 4, 30, tzinfo=UTC),
            "received_at": RECEIVED_AT,
            "payload": '{"id":981,"type":"ticket.created","created_at":"2026-12-01T11:04:30+01:00","ticket":{"id":7,"subject":"Refund"}}',
        }
    ]
    assert json.loads(records[0]["payload"]) == event


def test_event_without_time_or_type_kept_with_nulls():
    assert event_records([{"id": "e-1"}], RECEIVED_AT) == [
        {"event_id": "e-1", "event_type": None, "occurred_at": None, "received_at": RECEIVED_AT, "payload": '{"id":"e-1"}'}
    ]


def test_cursor_moves_to_the_latest_event_time_as_the_api_wrote_it():
    events = [
        {"id": 1, "created_at": "2026-12-01T10:00:00Z"},
        {"id": 2, "created_at": "2026-12-01T11:30:00+02:00"},
        {"id": 3, "created_at": "2026-12-01T10:01:00+00:00"},
    ]

    assert next_cursor(events, "2026-12-01T09:00:00Z") == "2026-12-01T10:01:00+00:00"


def test_cursor_unmoved_without_event_times():
    assert next_cursor([], "2026-12-01T09:00:00Z") == "2026-12-01T09:00:00Z"
    assert next_cursor([{"id": 1}], "2026-12-01T09:00:00Z") == "2026-12-01T09:00:00Z"
