"""Data intervals and times, always in UTC: what a job's run covers, and how times are read and named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from . import errors

INTERVAL_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Interval:
    """A data interval [start, end): start inclusive, end exclusive, both aware UTC datetimes."""

    start: datetime
    end: datetime

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def parse_interval(start: str, end: str) -> Interval:
    """The interval of DATA_INTERVAL_START and DATA_INTERVAL_END (`YYYY-MM-DDTHH:MM:SSZ`)."""
    interval = Interval(_interval_time("DATA_INTERVAL_START", start), _interval_time("DATA_INTERVAL_END", end))
    if interval.end <= interval.start:
        raise errors.interval_order(start, end)
    return interval


def _interval_time(name: str, text: str) -> datetime:
    try:
        return datetime.strptime(text, INTERVAL_TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise errors.interval_time(name, text) from None


def compact_time(moment: datetime, seconds: bool = False) -> str:
    """`YYYYMMDDTHHMMZ` (or `YYYYMMDDTHHMMSSZ`) in UTC, as run names and part files spell times."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ" if seconds else "%Y%m%dT%H%MZ")


def parse_timestamp(text: str) -> datetime:
    """An ISO 8601 time (`2026-11-30T09:15:00-05:00`, `...Z`, or without offset, read as UTC) as an aware UTC datetime."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise errors.timestamp_text(text) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
