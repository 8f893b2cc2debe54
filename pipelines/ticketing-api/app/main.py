"""Ticketing API poller, always on (an ECS service).

Every LOOP_INTERVAL seconds it fetches the events created since the cursor and writes them as the
`events` dataset, partitioned by poll time (UTC):
s3://$LAKE_BUCKET/${LAKE_PREFIX}events/dt=YYYY-MM-DD/hour=HH/part-<poll time>.jsonl.gz. Its cursor
lives at ${LAKE_PREFIX}state/cursor.json, so that a restarted task resumes where the last one
stopped; it moves only after the batch is written. On SIGTERM (a deployment or a scale-in) it
finishes the batch in hand and exits 0.

This file only wires: settings, the source (ticketing_api), the transform, the sink (lake).

Environment: API_BASE_URL, LOOP_INTERVAL (plain); TICKETING_API_KEY (secret, injected by ECS);
LAKE_BUCKET, LAKE_PREFIX (set by the platform).
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import urllib.error
from dataclasses import dataclass
from datetime import datetime, timezone

from lake import S3Lake, compact_time, dataset_key
from ticketing_api import S3Cursor, TicketingEvents
from transform import event_records, next_cursor

DATASET = "events"
PARTITIONED_BY = "hour"

log = logging.getLogger("ticketing-api")


class SettingError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    api_base_url: str
    api_key: str
    lake_bucket: str
    lake_prefix: str
    loop_interval_seconds: int


def read_settings(environ) -> Settings:
    def setting(name):
        value = environ.get(name, "")
        if not value:
            raise SettingError(f"{name} is not set")
        return value

    loop_interval = environ.get("LOOP_INTERVAL", "300")
    if not loop_interval.isdigit() or int(loop_interval) < 1:
        raise SettingError(f"LOOP_INTERVAL is {loop_interval!r}; expected a whole number of seconds, at least 1")
    return Settings(
        api_base_url=setting("API_BASE_URL"),
        api_key=setting("TICKETING_API_KEY"),
        lake_bucket=setting("LAKE_BUCKET"),
        lake_prefix=setting("LAKE_PREFIX"),
        loop_interval_seconds=int(loop_interval),
    )


def cursor_key(settings: Settings) -> str:
    return f"{settings.lake_prefix}state/cursor.json"


def poll_once(settings: Settings, source, lake, cursor, since: str, polled_at: datetime) -> str:
    """One poll: the new events written at the key of the poll time, then the cursor moved. Returns the cursor."""
    events = source.read(since)
    if not events:
        return since
    key = dataset_key(settings.lake_prefix, DATASET, PARTITIONED_BY, polled_at, part=compact_time(polled_at, seconds=True))
    lake.write(key, event_records(events, received_at=polled_at))
    moved = next_cursor(events, since)
    cursor.write(moved)
    log.info("wrote %d events to %s", len(events), lake.uri(key))
    return moved


def serve(settings: Settings, source, lake, cursor, stopping: threading.Event, now) -> int:
    """Polls until stopped; a failed poll is retried at the next interval, the cursor unmoved."""
    since = cursor.read(default=now().isoformat())
    log.info("polling %s every %ss from %s", settings.api_base_url, settings.loop_interval_seconds, since)
    while not stopping.is_set():
        try:
            since = poll_once(settings, source, lake, cursor, since, now())
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            log.warning("poll failed: %s", error)
        stopping.wait(settings.loop_interval_seconds)
    log.info("stopped")
    return 0


def main(environ=os.environ) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    stopping = threading.Event()

    def on_sigterm(signum, _frame):
        log.info("signal %s: finishing the current batch, then stopping", signum)
        stopping.set()

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, on_sigterm)
    try:
        settings = read_settings(environ)
    except SettingError as error:
        log.error("%s", error)
        return 1
    import boto3  # here, so that the tests of this module need no AWS SDK

    s3 = boto3.client("s3")
    source = TicketingEvents(settings.api_base_url, settings.api_key, stopping)
    cursor = S3Cursor(s3, settings.lake_bucket, cursor_key(settings))
    return serve(settings, source, S3Lake(s3, settings.lake_bucket), cursor, stopping, now=lambda: datetime.now(timezone.utc))


if __name__ == "__main__":
    sys.exit(main())
