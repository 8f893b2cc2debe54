"""The data lake: the S3 bucket in the cloud, or a folder on your machine, with one reader and writer.

A dataset's files live under its prefix, partitioned by the start of the run's data interval (UTC):
`<pipeline>/<dataset>/dt=YYYY-MM-DD/` for a daily dataset, `.../dt=YYYY-MM-DD/hour=HH/` for an hourly
one. A run writes one file per dataset, `part-<interval start>.<parquet|jsonl|jsonl.gz>`, so a rerun
of the same interval replaces it (a service names its files by poll time instead). A local lake is
laid out exactly like the bucket: its folder stands for the bucket's root.

Nothing partial is ever visible. In a folder, a file is written under a temporary hidden name beside
its final one, then renamed over it (atomic). In S3 the body is built and checked in memory first and
sent in one PutObject, which S3 makes visible only once complete and which replaces the previous
object at once.
"""

from __future__ import annotations

import os
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from . import errors
from .datasets import Dataset, dataset_prefix
from .formats import CONTENT_TYPES, EXTENSIONS, decode, encode, format_of
from .interval import compact_time
from .records import to_table
from .settings import Settings


@dataclass(frozen=True)
class LakeObject:
    key: str
    last_modified: datetime
    """Aware, UTC."""
    size: int


@dataclass(frozen=True)
class Written:
    """What one write put in the lake."""

    key: str
    uri: str
    rows: int
    bytes: int


def partition_prefix(prefix: str, partitioned_by: str, moment: datetime) -> str:
    """`<prefix>dt=YYYY-MM-DD/` (day) or `<prefix>dt=YYYY-MM-DD/hour=HH/` (hour) of `moment`, in UTC."""
    utc = moment.astimezone(UTC)
    if partitioned_by == "hour":
        return f"{prefix}dt={utc:%Y-%m-%d}/hour={utc:%H}/"
    return f"{prefix}dt={utc:%Y-%m-%d}/"


def part_key(dataset: Dataset, start: datetime, part: str | None = None) -> str:
    """
    The one file a run of the interval starting at `start` writes: `part-<start>.<extension>` in the
    partition of `start`, so a rerun replaces it. `part` names the file otherwise (a service's poll time).
    """
    name = part if part is not None else compact_time(start)
    return f"{partition_prefix(dataset.prefix, dataset.partitioned_by, start)}part-{name}{EXTENSIONS[dataset.format]}"


class Lake(ABC):
    """What every app reads and writes through. Subclasses say how bytes are kept (S3, a folder)."""

    @abstractmethod
    def get_bytes(self, key: str) -> bytes | None:
        """The object's bytes, or None when it does not exist."""

    @abstractmethod
    def put_bytes(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> None:
        """Creates or replaces the object, all at once."""

    @abstractmethod
    def list_objects(self, prefix: str) -> list[LakeObject]:
        """Every object under `prefix`, in key order."""

    @abstractmethod
    def uri(self, key: str) -> str:
        """Where the object is, for messages: `s3://<bucket>/<key>` or a path."""

    def write(self, dataset: Dataset, rows: Any, *, start: datetime, part: str | None = None) -> Written:
        """
        Checks the rows against the dataset's declared columns (RecordError, before anything is
        written), encodes them in its format and writes the interval's file, replacing any earlier one.
        Rows: a list of dicts, a pyarrow Table or RecordBatch, or a Polars DataFrame. No rows still
        writes an (empty) file, so that a rerun after the input went away replaces the old output.
        """
        table = to_table(dataset, rows)
        body = encode(table, dataset.format)
        key = part_key(dataset, start, part)
        self.put_bytes(key, body, CONTENT_TYPES[dataset.format])
        return Written(key=key, uri=self.uri(key), rows=table.num_rows, bytes=len(body))

    def read(self, dataset: Dataset | str, start: datetime) -> pa.Table | list[dict[str, Any]] | None:
        """
        What a run of the interval starting at `start` wrote to a dataset (this pipeline's, or another's
        named `<pipeline>.<dataset>`): an Arrow table for Parquet, records for JSON Lines, or None when
        there is no such file. The partitioning and format are read from the keys themselves.
        """
        key = self._part_of(dataset.prefix if isinstance(dataset, Dataset) else dataset_prefix(dataset), start)
        if key is None:
            return None
        body = self.get_bytes(key)
        file_format = format_of(key)
        return None if body is None or file_format is None else decode(body, file_format)

    def read_records(self, dataset: Dataset | str, start: datetime) -> list[dict[str, Any]] | None:
        """`read`, as records (timestamps as aware UTC datetimes for Parquet)."""
        found = self.read(dataset, start)
        return found.to_pylist() if isinstance(found, pa.Table) else found

    def read_text(self, key: str) -> str | None:
        """A UTF-8 text object (a byte order mark, as spreadsheets write one, is dropped), or None."""
        body = self.get_bytes(key)
        return None if body is None else body.decode("utf-8-sig")

    def _part_of(self, prefix: str, start: datetime) -> str | None:
        day = partition_prefix(prefix, "day", start)
        names = [f"part-{compact_time(start)}{extension}" for extension in EXTENSIONS.values()]
        candidates = [partition_prefix(prefix, "hour", start) + name for name in names] + [day + name for name in names]
        present = {item.key for item in self.list_objects(day)}
        return next((key for key in candidates if key in present), None)


class S3Lake(Lake):
    """The lake bucket through an S3 client (boto3's)."""

    def __init__(self, s3: Any, bucket: str) -> None:
        self.s3 = s3
        self.bucket = bucket

    def get_bytes(self, key: str) -> bytes | None:
        """
        None when the key does not exist, whether S3 answers 404 (the caller may list the bucket) or
        403 (it may not, as far as S3 knows: a ListBucket limited by prefix is not documented to count).
        On 403 the key's absence is confirmed with ListObjectsV2 on exactly that key, which the task
        role's prefix-limited ListBucket allows; a 403 for a key that exists is raised, never read as absent.
        """
        try:
            body: bytes = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
            return body
        except Exception as error:  # botocore's ClientError: its response says which
            response = getattr(error, "response", None)
            if not isinstance(response, dict):
                raise
            code = str(response.get("Error", {}).get("Code", ""))
            status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if code in ("NoSuchKey", "404", "NotFound") or status == 404:
                return None
            if code in ("AccessDenied", "403") or status == 403:
                if not self._exists(key):
                    return None
                raise errors.read_denied(self.uri(key), code or "403") from error
            raise

    def _exists(self, key: str) -> bool:
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix=key, MaxKeys=1)
        return any(item.get("Key") == key for item in listed.get("Contents", []))

    def put_bytes(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType=content_type)

    def list_objects(self, prefix: str) -> list[LakeObject]:
        objects = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                modified = item["LastModified"]
                objects.append(LakeObject(key=item["Key"], last_modified=modified.astimezone(UTC), size=int(item.get("Size", 0))))
        return sorted(objects, key=lambda item: item.key)

    def uri(self, key: str) -> str:
        return f"s3://{self.bucket}/{key}"


class LocalLake(Lake):
    """A folder laid out as the lake bucket is (its root is the bucket's): for tests and run-local --local-lake."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        segments = key.split("/")
        if not key or key.startswith("/") or any(segment in ("", ".", "..") for segment in segments[:-1]) or segments[-1] in (".", ".."):
            raise errors.unsafe_key(key)
        return self.root.joinpath(*segments)

    def get_bytes(self, key: str) -> bytes | None:
        path = self._path(key)
        return path.read_bytes() if path.is_file() else None

    def put_bytes(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Hidden (a leading dot) until renamed: no reader's glob of the dataset sees it half-written.
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        try:
            temporary.write_bytes(body)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)

    def list_objects(self, prefix: str) -> list[LakeObject]:
        folder = self.root.joinpath(*prefix.split("/")[:-1]) if "/" in prefix else self.root
        if not folder.is_dir():
            return []
        objects = []
        for path in folder.rglob("*"):
            key = path.relative_to(self.root).as_posix()
            if path.is_file() and not path.name.startswith(".") and key.startswith(prefix):
                status = path.stat()
                objects.append(LakeObject(key=key, last_modified=datetime.fromtimestamp(status.st_mtime, UTC), size=status.st_size))
        return sorted(objects, key=lambda item: item.key)

    def uri(self, key: str) -> str:
        return str(self._path(key))


def open_lake(settings: Settings) -> Lake:
    """The run's lake: the folder LAKE_DIR when set (run-local --local-lake: no AWS at all), else the LAKE_BUCKET bucket."""
    if settings.lake_dir is not None:
        return LocalLake(settings.lake_dir)
    if settings.lake_bucket is None:
        raise errors.lake_location(settings.pipeline)
    import boto3  # here: a local lake, and the tests, need no AWS SDK

    return S3Lake(boto3.client("s3"), settings.lake_bucket)
