"""Ticketing API poller, always on (an ECS service).

Every LOOP_INTERVAL seconds it fetches the events created since the cursor and writes them as the
`events` dataset (declared in main.ts), partitioned by poll time (UTC), one file per poll named by
its time. Its cursor lives at <LAKE_PREFIX>state/cursor.json, so that a restarted task resumes where
the last one stopped; it moves only after the batch is written. On SIGTERM (a deployment or a
scale-in) it finishes the batch in hand and exits 0.

This file only wires: the settings, the source (ticketing_api), the transform, the lake.

Environment: API_BASE_URL, LOOP_INTERVAL (plain); TICKETING_API_KEY (secret, injected by ECS); the
platform's (see data_platform_runtime.settings).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import urllib.error
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from data_platform_runtime import Lake, RecordError, Settings, compact_time, open_lake, run_main

from ticketing_api import LakeCursor, TicketingEvents
from transform import event_records, next_cursor

log = logging.getLogger("ticketing-api")


class Events(Protocol):
    def read(self, since: str) -> list[dict[str, Any]]: ...


class Cursor(Protocol):
    def read(self, default: str) -> str: ...

    def write(self, since: str) -> None: ...


def cursor_key(settings: Settings) -> str:
    return f"{settings.lake_prefix}state/cursor.json"


def poll_once(settings: Settings, source: Events, lake: Lake, cursor: Cursor, since: str, polled_at: datetime) -> str:
    """One poll: the new events written as the file of the poll time, then the cursor moved. Returns the cursor."""
    events = source.read(since)
    if not events:
        return since
    written = lake.write(settings.dataset("events"), event_records(events, received_at=polled_at), start=polled_at, part=compact_time(polled_at, seconds=True))
    moved = next_cursor(events, since)
    cursor.write(moved)
    log.info("wrote %d events to %s", written.rows, written.uri)
    return moved


def serve(settings: Settings, source: Events, lake: Lake, cursor: Cursor, stopping: threading.Event, now: Callable[[], datetime], every_seconds: int) -> int:
    """Polls until stopped; a failed poll is retried at the next interval, the cursor unmoved."""
    since = cursor.read(default=now().isoformat())
    log.info("polling every %ss from %s", every_seconds, since)
    while not stopping.is_set():
        try:
            since = poll_once(settings, source, lake, cursor, since, now())
        except RecordError:
            raise  # records that do not match the declaration: a defect to fix, not a poll to retry
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            log.warning("poll failed: %s", error)
        stopping.wait(every_seconds)
    log.info("stopped")
    return 0


def work(settings: Settings, stopping: threading.Event) -> int:
    every_seconds = settings.loop_interval_seconds()
    lake = open_lake(settings)
    source = TicketingEvents(
        settings.require("API_BASE_URL", "the API's base URL"),
        settings.require("TICKETING_API_KEY", "the API key (a secret in main.ts)"),
        stopping,
    )
    return serve(settings, source, lake, LakeCursor(lake, cursor_key(settings)), stopping, lambda: datetime.now(UTC), every_seconds)


def main(environ: Mapping[str, str] = os.environ) -> int:
    return run_main(log, work, environ, stopping_message="finishing the current batch, then stopping")


if __name__ == "__main__":
    sys.exit(main())
