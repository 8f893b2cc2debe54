"""The source: the events of the ticketing API created after a cursor, and where the cursor is kept."""
from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request

from lake import is_missing_key


class TicketingEvents:
    """Every event created after `since` (ISO 8601), following the API's `next` page links."""

    def __init__(self, base_url: str, api_key: str, stopping: threading.Event, open_url=urllib.request.urlopen):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.stopping = stopping
        self.open_url = open_url

    def read(self, since: str) -> list[dict]:
        events: list[dict] = []
        url = f"{self.base_url}/events?" + urllib.parse.urlencode({"created_after": since, "limit": 500})
        while url and not self.stopping.is_set():
            request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"})
            with self.open_url(request, timeout=30) as response:
                page = json.load(response)
            events.extend(page.get("data", []))
            url = page.get("next")
        return events


class S3Cursor:
    """The cursor (`{"created_after": ...}`) in one S3 object, so that a restarted task resumes where the last stopped."""

    def __init__(self, s3, bucket: str, key: str):
        self.s3 = s3
        self.bucket = bucket
        self.key = key

    def read(self, default: str) -> str:
        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=self.key)["Body"].read()
        except Exception as error:  # botocore's ClientError, without importing botocore here
            if is_missing_key(error):
                return default
            raise
        return json.loads(body)["created_after"]

    def write(self, since: str) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=self.key, Body=json.dumps({"created_after": since}).encode(), ContentType="application/json")
