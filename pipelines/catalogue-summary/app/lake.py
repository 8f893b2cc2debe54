"""The data lake's layout and encoding (pure functions), and the S3 calls that read and write it.

A dataset's objects live under <LAKE_PREFIX><dataset>/, partitioned by the start of the run's data
interval (UTC): dt=YYYY-MM-DD/ for a daily dataset, dt=YYYY-MM-DD/hour=HH/ for an hourly one. A run
writes one object, part-<start>.jsonl.gz, so a rerun of the same interval replaces it. Objects are
JSON Lines, gzip-compressed (Athena recognises gzip by the .gz extension); timestamps inside records
are UTC `YYYY-MM-DD HH:MM:SS`, what Hive's JsonSerDe reads.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import datetime, timezone

INTERVAL_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
RECORD_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
PARTITIONINGS = ("day", "hour")


@dataclass(frozen=True)
class Interval:
    """A data interval [start, end): start inclusive, end exclusive, both UTC."""

    start: datetime
    end: datetime

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def parse_interval(start: str | None, end: str | None) -> Interval:
    """The interval of DATA_INTERVAL_START and DATA_INTERVAL_END (`YYYY-MM-DDTHH:MM:SSZ`)."""
    interval = Interval(_interval_time("DATA_INTERVAL_START", start), _interval_time("DATA_INTERVAL_END", end))
    if interval.end <= interval.start:
        raise ValueError(
            f"DATA_INTERVAL_END is {end!r}, not after DATA_INTERVAL_START {start!r}; an interval is [start, end), end exclusive"
        )
    return interval


def _interval_time(name: str, text: str | None) -> datetime:
    try:
        return datetime.strptime(text or "", INTERVAL_TIME_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        raise ValueError(f"{name} is {text!r}; expected a UTC time YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-12-01T10:00:00Z") from None


def compact_time(moment: datetime, seconds: bool = False) -> str:
    """`YYYYMMDDTHHMMZ` (or `YYYYMMDDTHHMMSSZ`) in UTC, as run names and part files spell times."""
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ" if seconds else "%Y%m%dT%H%MZ")


def partition_prefix(lake_prefix: str, dataset: str, partitioned_by: str, moment: datetime) -> str:
    """`<lake_prefix><dataset>/dt=YYYY-MM-DD/` (day) or `.../dt=YYYY-MM-DD/hour=HH/` (hour) of `moment`, UTC."""
    utc = moment.astimezone(timezone.utc)
    if partitioned_by == "day":
        return f"{lake_prefix}{dataset}/dt={utc:%Y-%m-%d}/"
    if partitioned_by == "hour":
        return f"{lake_prefix}{dataset}/dt={utc:%Y-%m-%d}/hour={utc:%H}/"
    raise ValueError(f"partitioned_by is {partitioned_by!r}; expected one of {', '.join(PARTITIONINGS)}")


def dataset_key(lake_prefix: str, dataset: str, partitioned_by: str, start: datetime, part: str | None = None) -> str:
    """
    The one object a run of the interval starting at `start` writes, `part-<start>.jsonl.gz` in the
    partition of `start`: a rerun replaces it. `part` names the file otherwise (a service's poll time).
    """
    name = part if part is not None else compact_time(start)
    return f"{partition_prefix(lake_prefix, dataset, partitioned_by, start)}part-{name}.jsonl.gz"


def record_time(moment: datetime) -> str:
    """A timestamp as records hold it: UTC `YYYY-MM-DD HH:MM:SS`."""
    return moment.astimezone(timezone.utc).strftime(RECORD_TIME_FORMAT)


def parse_timestamp(text: str) -> datetime:
    """An ISO 8601 time (`2026-11-30T09:15:00-05:00`, `...Z`, or without offset, read as UTC) as an aware UTC datetime."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 time (e.g. 2026-11-30T09:15:00Z)") from None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def encode_jsonl_gz(records: list[dict]) -> bytes:
    """JSON Lines, one object per line, gzip-compressed with a fixed header: the same records give the same bytes."""
    body = "".join(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n" for record in records)
    return gzip.compress(body.encode("utf-8"), mtime=0)


def decode_jsonl_gz(body: bytes) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(body).decode("utf-8").splitlines() if line.strip()]


def is_missing_key(error: Exception) -> bool:
    """Whether an S3 client error says the object does not exist."""
    code = getattr(error, "response", {}).get("Error", {}).get("Code")
    return code in ("NoSuchKey", "404")


class S3Lake:
    """The data lake bucket through an S3 client (boto3's, or any object with the same methods)."""

    def __init__(self, s3, bucket: str):
        self.s3 = s3
        self.bucket = bucket

    def write(self, key: str, records: list[dict]) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=encode_jsonl_gz(records), ContentType="application/gzip")

    def read(self, key: str) -> list[dict] | None:
        """The records of one object, or None when it does not exist."""
        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except Exception as error:  # botocore's ClientError, without importing botocore here
            if is_missing_key(error):
                return None
            raise
        return decode_jsonl_gz(body)

    def uri(self, key: str) -> str:
        return f"s3://{self.bucket}/{key}"

    def list(self, prefix: str) -> list[dict]:
        """Every object under `prefix`: `{"key", "last_modified"}` (aware UTC datetime), in key order."""
        objects = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            objects.extend({"key": item["Key"], "last_modified": item["LastModified"]} for item in page.get("Contents", []))
        return objects

    def read_text(self, key: str) -> str:
        """A UTF-8 text object (a byte order mark, as spreadsheets write one, is dropped)."""
        return self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read().decode("utf-8-sig")
