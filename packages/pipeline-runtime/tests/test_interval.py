from datetime import UTC, datetime, timedelta, timezone

import pytest
from data_platform_runtime import Interval, SettingError, compact_time, parse_interval, parse_timestamp


def utc(year, month, day, hour=0, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def test_interval_parsed_from_the_platform_variables():
    assert parse_interval("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z") == Interval(utc(2026, 12, 1, 10), utc(2026, 12, 1, 11))


def test_interval_end_is_exclusive():
    interval = parse_interval("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z")

    assert interval.contains(utc(2026, 12, 1, 10, 0))
    assert interval.contains(utc(2026, 12, 1, 10, 59, 59))
    assert not interval.contains(utc(2026, 12, 1, 11, 0))


def test_interval_time_not_in_utc_format_refused_with_its_value():
    with pytest.raises(SettingError) as error:
        parse_interval("2026-12-01 10:00", "2026-12-01T11:00:00Z")

    assert str(error.value) == "DATA_INTERVAL_START is '2026-12-01 10:00'; expected a UTC time YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-12-01T10:00:00Z"


def test_interval_ending_before_it_starts_refused():
    with pytest.raises(SettingError) as error:
        parse_interval("2026-12-01T11:00:00Z", "2026-12-01T10:00:00Z")

    assert str(error.value) == (
        "DATA_INTERVAL_END is '2026-12-01T10:00:00Z', not after DATA_INTERVAL_START '2026-12-01T11:00:00Z'; an interval is [start, end), end exclusive"
    )


def test_compact_time_with_and_without_seconds_in_utc():
    paris = timezone(timedelta(hours=1))

    assert compact_time(utc(2026, 12, 1, 10, 5, 9)) == "20261201T1005Z"
    assert compact_time(datetime(2026, 12, 1, 11, 5, 9, tzinfo=paris), seconds=True) == "20261201T100509Z"


def test_timestamps_with_offsets_read_as_utc_and_without_one_as_utc():
    assert parse_timestamp("2026-11-30T09:15:00-05:00") == utc(2026, 11, 30, 14, 15)
    assert parse_timestamp("2026-11-30T09:15:00Z") == utc(2026, 11, 30, 9, 15)
    assert parse_timestamp(" 2026-11-30 09:15:00 ") == utc(2026, 11, 30, 9, 15)


def test_timestamp_that_is_not_iso_8601_refused():
    with pytest.raises(ValueError) as error:
        parse_timestamp("30/11/2026")

    assert str(error.value) == "'30/11/2026' is not an ISO 8601 time (e.g. 2026-11-30T09:15:00Z)"
