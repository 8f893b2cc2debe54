"""The datasets a pipeline declares in main.ts, as synth hands them over.

In the cloud (and in run-local) the task definition carries them in LAKE_DATASETS, a JSON object
written by synth; tests read the same declaration from the pipeline's synthesized manifest
(`cdktf.out/fleet-manifest.json`). Either way it is one object per dataset:
`{"prefix", "table", "partitionedBy", "format", "columns": {"<name>": {"type", "nullable"?}}}`, columns in
their declared order. Name, columns, partitioning and format are written once, in main.ts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from . import errors
from .athena_types import AthenaType, parse_athena_type

DATASETS_VARIABLE = "LAKE_DATASETS"
"""The task definition's variable holding the pipeline's datasets, as JSON."""

PARTITIONINGS = ("day", "hour")
FORMATS = ("parquet", "jsonl", "jsonl.gz")
_REFERENCE = re.compile(r"^([a-z][a-z0-9-]*[a-z0-9])\.([a-z][a-z0-9_]*)$")


@dataclass(frozen=True)
class Column:
    name: str
    type: AthenaType
    nullable: bool = True


@dataclass(frozen=True)
class Dataset:
    """One declared dataset: where its files live, how they are split and encoded, and its columns."""

    pipeline: str
    name: str
    prefix: str
    """Its key prefix in the lake, `<pipeline>/<dataset>/`."""
    table: str
    """Its Glue (Athena) table, `<pipeline with - as _>_<dataset>`."""
    partitioned_by: str
    """`day` (`dt=YYYY-MM-DD/`) or `hour` (`dt=YYYY-MM-DD/hour=HH/`)."""
    format: str
    """`parquet`, `jsonl` or `jsonl.gz`."""
    columns: tuple[Column, ...]

    @property
    def qualified_name(self) -> str:
        """`<pipeline>.<dataset>`, as messages and `lake.read` name it."""
        return f"{self.pipeline}.{self.name}"

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema files of this dataset are written with: the declared columns, in order."""
        return pa.schema([pa.field(column.name, column.type.arrow(), nullable=column.nullable) for column in self.columns])


def dataset_prefix(reference: str) -> str:
    """The lake prefix of `<pipeline>.<dataset>`: `<pipeline>/<dataset>/`."""
    match = _REFERENCE.match(reference)
    if not match:
        raise errors.dataset_reference(reference)
    return f"{match.group(1)}/{match.group(2)}/"


def parse_datasets(declaration: Any, source: str) -> dict[str, Dataset]:
    """The datasets of a declaration (LAKE_DATASETS parsed, or a manifest's `datasets`), by name."""
    if not isinstance(declaration, Mapping):
        raise errors.declaration_unreadable(source, f"expected an object of datasets, got {type(declaration).__name__}")
    return {name: _dataset(name, spec, source) for name, spec in declaration.items()}


def datasets_from_json(text: str, source: str = DATASETS_VARIABLE) -> dict[str, Dataset]:
    try:
        declaration = json.loads(text)
    except json.JSONDecodeError as error:
        raise errors.declaration_unreadable(source, f"not JSON ({error.msg} at character {error.pos})") from None
    return parse_datasets(declaration, source)


def datasets_from_manifest(manifest: Path) -> dict[str, Dataset]:
    """The datasets of a pipeline's synthesized manifest: they are the same in every environment, so the first one's."""
    source = str(manifest)
    try:
        document = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise errors.declaration_unreadable(source, str(error)) from None
    environments = document.get("environments") if isinstance(document, Mapping) else None
    if not isinstance(environments, Mapping) or not environments:
        raise errors.declaration_unreadable(source, "it has no environments (is it a pipeline's manifest?)")
    first = next(iter(environments.values()))
    return parse_datasets(first.get("datasets", {}) if isinstance(first, Mapping) else None, source)


def _dataset(name: str, spec: Any, source: str) -> Dataset:
    def bad(reason: str) -> errors.DeclarationError:
        return errors.declaration_unreadable(source, f"dataset {name!r}: {reason}")

    if not isinstance(spec, Mapping):
        raise bad("expected an object")
    prefix, table = spec.get("prefix"), spec.get("table")
    if not isinstance(prefix, str) or not re.fullmatch(r"[a-z0-9-]+/[a-z0-9_]+/", prefix):
        raise bad(f"prefix is {prefix!r}; expected <pipeline>/<dataset>/")
    if not isinstance(table, str) or not table:
        raise bad(f"table is {table!r}")
    partitioned_by, file_format = spec.get("partitionedBy"), spec.get("format")
    if partitioned_by not in PARTITIONINGS:
        raise bad(f"partitionedBy is {partitioned_by!r}; expected one of {', '.join(PARTITIONINGS)}")
    if file_format not in FORMATS:
        raise bad(f"format is {file_format!r}; expected one of {', '.join(FORMATS)}")
    columns = spec.get("columns")
    if not isinstance(columns, Mapping) or not columns:
        raise bad("columns is missing or empty")
    pipeline = prefix.split("/")[0]
    qualified = f"{pipeline}.{name}"
    return Dataset(
        pipeline=pipeline,
        name=name,
        prefix=prefix,
        table=table,
        partitioned_by=partitioned_by,
        format=file_format,
        columns=tuple(_column(qualified, column, declared, bad) for column, declared in columns.items()),
    )


def _column(dataset: str, name: str, declared: Any, bad: Any) -> Column:
    text = declared.get("type") if isinstance(declared, Mapping) else declared
    if not isinstance(text, str):
        raise bad(f"column {name!r} has no type")
    try:
        kind = parse_athena_type(text)
    except ValueError as error:
        raise errors.column_type(dataset, name, text, str(error)) from None
    nullable = declared.get("nullable", True) if isinstance(declared, Mapping) else True
    return Column(name=name, type=kind, nullable=nullable is not False)
