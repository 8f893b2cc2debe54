"""Ticketing API poller, always on (an ECS service).

Every LOOP_INTERVAL seconds it fetches the events created since the last poll and writes them as
one JSON Lines object under s3://$LAKE_BUCKET/${LAKE_PREFIX}raw/events/. Its cursor lives under
${LAKE_PREFIX}state/ so that a restarted task resumes where the last one stopped. On SIGTERM (a
deployment or a scale-in) it finishes the batch in hand and exits 0.

Environment: API_BASE_URL, LOOP_INTERVAL (plain); TICKETING_API_KEY (secret, injected by ECS from
SSM Parameter Store); LAKE_BUCKET, LAKE_PREFIX, PIPELINE_NAME, ENVIRONMENT (set by the platform).
"""
import json
import logging
import os
import signal
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

import boto3

log = logging.getLogger("ticketing-api")
stopping = threading.Event()


def on_sigterm(signum, _frame):
    log.info("signal %s: finishing the current batch, then stopping", signum)
    stopping.set()


def setting(name):
    value = os.environ.get(name, "")
    if not value:
        sys.exit(f"{name} is not set")
    return value


def fetch_events(base_url, api_key, since):
    """Every event created after `since` (ISO 8601), following the API's page links."""
    events = []
    url = f"{base_url}/events?" + urllib.parse.urlencode({"created_after": since, "limit": 500})
    while url and not stopping.is_set():
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {api_key}", "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            page = json.load(response)
        events.extend(page.get("data", []))
        url = page.get("next")
    return events


def read_cursor(s3, bucket, key, default):
    try:
        return json.load(s3.get_object(Bucket=bucket, Key=key)["Body"])["created_after"]
    except s3.exceptions.NoSuchKey:
        return default


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, on_sigterm)
    base_url = setting("API_BASE_URL").rstrip("/")
    api_key = setting("TICKETING_API_KEY")
    bucket, prefix = setting("LAKE_BUCKET"), setting("LAKE_PREFIX")
    interval = int(os.environ.get("LOOP_INTERVAL", "300"))
    s3 = boto3.client("s3")
    cursor_key = f"{prefix}state/cursor.json"
    since = read_cursor(s3, bucket, cursor_key, datetime.now(timezone.utc).isoformat())
    log.info("polling %s every %ss from %s", base_url, interval, since)

    while not stopping.is_set():
        started = datetime.now(timezone.utc)
        try:
            events = fetch_events(base_url, api_key, since)
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            # A failed poll is retried at the next interval; the cursor has not moved.
            log.warning("poll failed: %s", error)
        else:
            if events:
                key = f"{prefix}raw/events/dt={started:%Y-%m-%d}/{started:%Y%m%dT%H%M%SZ}.jsonl"
                body = "\n".join(json.dumps(event, separators=(",", ":")) for event in events) + "\n"
                s3.put_object(Bucket=bucket, Key=key, Body=body.encode(), ContentType="application/x-ndjson")
                since = max(str(event.get("created_at", since)) for event in events)
                s3.put_object(Bucket=bucket, Key=cursor_key, Body=json.dumps({"created_after": since}).encode())
                log.info("wrote %d events to s3://%s/%s", len(events), bucket, key)
        stopping.wait(interval)
    log.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
