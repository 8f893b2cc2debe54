"""From the ticketing API's events to the records of the `events` dataset, and the next cursor: pure functions."""
from __future__ import annotations

import json
from datetime import datetime

from lake import parse_timestamp, record_time

COLUMNS = ("event_id", "event_type", "occurred_at", "received_at", "payload")


def event_records(events: list[dict], received_at: datetime) -> list[dict]:
    """One record per event, in the order received: its id, type and time, and the raw event as JSON text."""
    return [
        {
            "event_id": str(event["id"]),
            "event_type": event.get("type"),
            "occurred_at": record_time(parse_timestamp(event["created_at"])) if event.get("created_at") else None,
            "received_at": record_time(received_at),
            "payload": json.dumps(event, ensure_ascii=False, separators=(",", ":")),
        }
        for event in events
    ]


def next_cursor(events: list[dict], since: str) -> str:
    """The latest `created_at` of the events, as the API wrote it (the next poll asks for what came after), else `since`."""
    times = [event["created_at"] for event in events if event.get("created_at")]
    return max(times, key=parse_timestamp) if times else since
