import gzip
from datetime import datetime, timedelta, timezone

import pytest

from lake import (
    Interval,
    S3Lake,
    compact_time,
    dataset_key,
    decode_jsonl_gz,
    encode_jsonl_gz,
    parse_interval,
    parse_timestamp,
    partition_prefix,
    record_time,
)


def utc(*parts):
    return datetime(*parts, tzinfo=timezone.utc)


class MissingKey(Exception):
    response = {"Error": {"Code": "NoSuchKey"}}


class Body:
    def __init__(self, data):
        self.data = data

    def read(self):
        return self.data


class FakeS3:
    """The few S3 client methods S3Lake calls, over a dict of key -> bytes."""

    def __init__(self, objects=None):
        self.objects = dict(objects or {})
        self.puts = []

    def put_object(self, **request):
        self.puts.append(request)
        self.objects[request["Key"]] = request["Body"]

    def get_object(self, Bucket, Key):
        if Key not in self.objects:
            raise MissingKey()
        return {"Body": Body(self.objects[Key])}

    def get_paginator(self, name):
        assert name == "list_objects_v2"
        return self

    def paginate(self, Bucket, Prefix):
        keys = sorted(k for k in self.objects if k.startswith(Prefix))
        yield {"Contents": [{"Key": k, "LastModified": utc(2026, 12, 1, 10, 0)} for k in keys[:1]]}
        yield {"Contents": [{"Key": k, "LastModified": utc(2026, 12, 1, 10, 0)} for k in keys[1:]]}


def test_interval_parsed_from_the_platform_variables():
    assert parse_interval("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z") == Interval(utc(2026, 12, 1, 10), utc(2026, 12, 1, 11))


def test_interval_end_is_exclusive():
    interval = parse_interval("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z")

    assert interval.contains(utc(2026, 12, 1, 10, 0))
    assert interval.contains(utc(2026, 12, 1, 10, 59, 59))
    assert not interval.contains(utc(2026, 12, 1, 11, 0))


def test_interval_time_not_in_utc_format_refused_with_its_value():
    with pytest.raises(ValueError) as error:
        parse_interval("2026-12-01 10:00", "2026-12-01T11:00:00Z")

    assert str(error.value) == "DATA_INTERVAL_START is '2026-12-01 10:00'; expected a UTC time YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-12-01T10:00:00Z"


def test_interval_ending_before_it_starts_refused():
    with pytest.raises(ValueError) as error:
        parse_interval("2026-12-01T11:00:00Z", "2026-12-01T10:00:00Z")

    assert str(error.value) == (
        "DATA_INTERVAL_END is '2026-12-01T10:00:00Z', not after DATA_INTERVAL_START '2026-12-01T11:00:00Z'; "
        "an interval is [start, end), end exclusive"
    )


def test_hourly_key_is_the_partition_of_the_interval_start():
    key = dataset_key("shopify-products/", "products", "hour", utc(2026, 12, 1, 10))

    assert key == "shopify-products/products/dt=2026-12-01/hour=10/part-20261201T1000Z.jsonl.gz"


def test_daily_key_has_no_hour_partition():
    key = dataset_key("partner-orders/", "orders", "day", utc(2026, 12, 1, 0, 5))

    assert key == "partner-orders/orders/dt=2026-12-01/part-20261201T0005Z.jsonl.gz"


def test_partition_taken_in_utc_whatever_the_offset_of_the_time_given():
    paris_winter = datetime(2026, 12, 2, 0, 30, tzinfo=timezone(timedelta(hours=1)))

    assert partition_prefix("p/", "d", "hour", paris_winter) == "p/d/dt=2026-12-01/hour=23/"


def test_part_named_otherwise_keeps_the_partition_of_its_time():
    key = dataset_key("ticketing-api/", "events", "hour", utc(2026, 12, 1, 10, 5, 9), part="20261201T100509Z")

    assert key == "ticketing-api/events/dt=2026-12-01/hour=10/part-20261201T100509Z.jsonl.gz"


def test_unknown_partitioning_refused():
    with pytest.raises(ValueError) as error:
        partition_prefix("p/", "d", "minute", utc(2026, 12, 1))

    assert str(error.value) == "partitioned_by is 'minute'; expected one of day, hour"


def test_compact_time_with_and_without_seconds():
    assert compact_time(utc(2026, 12, 1, 10, 5, 9)) == "20261201T1005Z"
    assert compact_time(utc(2026, 12, 1, 10, 5, 9), seconds=True) == "20261201T100509Z"


def test_timestamps_read_with_offsets_written_in_utc_as_hive_reads_them():
    assert record_time(parse_timestamp("2026-11-30T09:15:00-05:00")) == "2026-11-30 14:15:00"
    assert record_time(parse_timestamp("2026-11-30T09:15:00Z")) == "2026-11-30 09:15:00"
    assert record_time(parse_timestamp("2026-11-30 09:15:00")) == "2026-11-30 09:15:00"


def test_timestamp_that_is_not_iso_8601_refused():
    with pytest.raises(ValueError) as error:
        parse_timestamp("30/11/2026")

    assert str(error.value) == "'30/11/2026' is not an ISO 8601 time (e.g. 2026-11-30T09:15:00Z)"


def test_records_encoded_as_gzip_json_lines_one_object_per_line():
    body = encode_jsonl_gz([{"id": 1, "title": "Café"}, {"id": 2, "title": None}])

    assert gzip.decompress(body).decode("utf-8") == '{"id":1,"title":"Café"}\n{"id":2,"title":null}\n'
    assert decode_jsonl_gz(body) == [{"id": 1, "title": "Café"}, {"id": 2, "title": None}]


def test_same_records_encode_to_the_same_bytes():
    assert encode_jsonl_gz([{"id": 1}]) == encode_jsonl_gz([{"id": 1}])


def test_lake_writes_and_reads_back_records():
    s3 = FakeS3()
    lake = S3Lake(s3, "lake-bucket")

    lake.write("p/d/dt=2026-12-01/part-20261201T0000Z.jsonl.gz", [{"id": 1}])

    assert s3.puts[0]["Bucket"] == "lake-bucket"
    assert s3.puts[0]["ContentType"] == "application/gzip"
    assert lake.read("p/d/dt=2026-12-01/part-20261201T0000Z.jsonl.gz") == [{"id": 1}]
    assert lake.uri("p/x") == "s3://lake-bucket/p/x"


def test_lake_read_of_a_missing_object_is_none():
    assert S3Lake(FakeS3(), "lake-bucket").read("p/none.jsonl.gz") is None


def test_lake_lists_every_page_under_a_prefix():
    lake = S3Lake(FakeS3({"a/1.csv": b"", "a/2.csv": b"", "b/3.csv": b""}), "lake-bucket")

    assert [item["key"] for item in lake.list("a/")] == ["a/1.csv", "a/2.csv"]


def test_lake_reads_text_without_a_byte_order_mark():
    lake = S3Lake(FakeS3({"a/1.csv": "\ufefforder_id\n".encode("utf-8")}), "lake-bucket")

    assert lake.read_text("a/1.csv") == "order_id\n"
