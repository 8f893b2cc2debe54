"""The source: the events of the ticketing API created after a cursor, and where the cursor is kept."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from data_platform_runtime import Lake


class TicketingEvents:
    """Every event created after `since` (ISO 8601), following the API's `next` page links."""

    def __init__(self, base_url: str, api_key: str, stopping: threading.Event, open_url: Callable[..., Any] = urllib.request.urlopen):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.stopping = stopping
        self.open_url = open_url

    def read(self, since: str) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        url: str | None = f"{self.base_url}/events?" + urllib.parse.urlencode({"created_after": since, "limit": 500})
        while url and not self.stopping.is_set():
            request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"})
            with self.open_url(request, timeout=30) as response:
                page = json.load(response)
            events.extend(page.get("data", []))
            url = page.get("next")
        return events


class LakeCursor:
    """The cursor (`{"created_after": ...}`) in one object of the pipeline's own prefix, so that a restarted task resumes where the last stopped."""

    def __init__(self, lake: Lake, key: str):
        self.lake = lake
        self.key = key

    def read(self, default: str) -> str:
        body = self.lake.get_bytes(self.key)
        return default if body is None else str(json.loads(body)["created_after"])

    def write(self, since: str) -> None:
        self.lake.put_bytes(self.key, json.dumps({"created_after": since}).encode(), "application/json")
