"""From the ticketing API's events to the records of the `events` dataset, and the next cursor: pure functions."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from data_platform_runtime import parse_timestamp


def event_records(events: list[dict[str, Any]], received_at: datetime) -> list[dict[str, Any]]:
    """One record per event, in the order received: its id, type and time, and the raw event as JSON text."""
    return [
        {
            "event_id": str(event["id"]),
            "event_type": event.get("type"),
            "occurred_at": parse_timestamp(event["created_at"]) if event.get("created_at") else None,
            "received_at": received_at,
            "payload": json.dumps(event, ensure_ascii=False, separators=(",", ":")),
        }
        for event in events
    ]


def next_cursor(events: list[dict[str, Any]], since: str) -> str:
    """The latest `created_at` of the events, as the API wrote it (the next poll asks for what came after), else `since`."""
    times: list[str] = [event["created_at"] for event in events if event.get("created_at")]
    return max(times, key=parse_timestamp) if times else since
