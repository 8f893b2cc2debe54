"""Every error the runtime raises, as named factories: one place to read what a pipeline can be told.

Each message says what is wrong, the value received and what is allowed, and names the pipeline,
dataset, column or row it is about, so that the one line a failed run logs is enough to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable


class SettingError(Exception):
    """A setting of the run (an environment variable the platform or the pipeline sets) is missing or malformed."""


class DeclarationError(ValueError):
    """The datasets' declaration handed over by synth cannot be read, or names no such dataset."""


class RecordError(ValueError):
    """Rows that do not match their dataset's declared columns: nothing was written."""


class LakeError(Exception):
    """The lake refused or could not serve a request."""


def _listing(names: Iterable[str]) -> str:
    listed = sorted(names)
    return ", ".join(listed) if listed else "none"


def _shown(value: object) -> str:
    text = repr(value)
    shown = text if len(text) <= 80 else f"{text[:77]}..."
    return f"{shown} ({type(value).__name__})"


# Settings


def setting_missing(pipeline: str, name: str, what: str) -> SettingError:
    return SettingError(f"pipeline {pipeline}: {name} is not set; expected {what}")


def loop_interval(pipeline: str, text: str) -> SettingError:
    return SettingError(f"pipeline {pipeline}: LOOP_INTERVAL is {text!r}; expected a whole number of seconds, at least 1")


def interval_time(name: str, text: str) -> SettingError:
    return SettingError(f"{name} is {text!r}; expected a UTC time YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-12-01T10:00:00Z")


def interval_order(start: str, end: str) -> SettingError:
    return SettingError(f"DATA_INTERVAL_END is {end!r}, not after DATA_INTERVAL_START {start!r}; an interval is [start, end), end exclusive")


def interval_half(pipeline: str, present: str, absent: str) -> SettingError:
    return SettingError(f"pipeline {pipeline}: {present} is set but {absent} is not; a job's run gets both (its data interval), a service neither")


def not_a_job(pipeline: str) -> SettingError:
    return SettingError(
        f"pipeline {pipeline}: this run has no data interval (DATA_INTERVAL_START and DATA_INTERVAL_END are not set); "
        "only a job's run has one: declare mode 'job' in main.ts, or use run-local's --from/--to"
    )


def timestamp_text(text: str) -> ValueError:
    return ValueError(f"{text!r} is not an ISO 8601 time (e.g. 2026-11-30T09:15:00Z)")


# The datasets' declaration


def declaration_unreadable(source: str, reason: str) -> DeclarationError:
    return DeclarationError(f"the datasets' declaration in {source} cannot be read: {reason}; it is written by synth from main.ts's datasets")


def dataset_unknown(pipeline: str, name: str, declared: Iterable[str]) -> DeclarationError:
    return DeclarationError(
        f"pipeline {pipeline} declares no dataset {name!r}; it declares: {_listing(declared)}. Declare it in main.ts's datasets (then synth), or fix the name"
    )


def dataset_reference(reference: str) -> DeclarationError:
    return DeclarationError(f"dataset reference {reference!r} is not <pipeline>.<dataset>, e.g. shopify-products.products")


def column_type(dataset: str, column: str, text: str, reason: str) -> DeclarationError:
    return DeclarationError(f"dataset {dataset}: column {column} has type {text!r}, which the runtime cannot read: {reason}")


def manifest_missing(start: str) -> DeclarationError:
    return DeclarationError(
        f"no cdktf.out/fleet-manifest.json in the pipeline folder above {start}: synthesize it first "
        "(npx nx run <pipeline>:synth; the test target does it)"
    )


# Rows checked against the declaration


def rows_unsupported(dataset: str, value: object) -> RecordError:
    return RecordError(
        f"dataset {dataset}: cannot write {type(value).__name__}; expected a list of dicts (records), a pyarrow Table or RecordBatch, or a Polars DataFrame"
    )


def row_not_mapping(dataset: str, row: int, value: object) -> RecordError:
    return RecordError(f"dataset {dataset}: row {row} is {_shown(value)}; expected a dict of column name to value")


def undeclared_column(dataset: str, row: int, column: str, value: object, declared: Iterable[str]) -> RecordError:
    return RecordError(
        f"dataset {dataset}: row {row} has column {column!r} = {_shown(value)}, which the dataset does not declare; "
        f"it declares {', '.join(declared)}. Declare the column in main.ts (a breaking change only when one is removed or retyped), or drop it"
    )


def missing_column(dataset: str, row: int, column: str) -> RecordError:
    return RecordError(f"dataset {dataset}: row {row} has no column {column}, which is declared non-null (nullable: false in main.ts)")


def null_value(dataset: str, row: int, column: str) -> RecordError:
    return RecordError(f"dataset {dataset}: row {row}, column {column} is None; the column is declared non-null (nullable: false in main.ts)")


def wrong_type(dataset: str, row: int, column: str, value: object, expected: str, declared: str) -> RecordError:
    return RecordError(f"dataset {dataset}: row {row}, column {column} is {_shown(value)}; expected {expected} (declared {declared})")


# The lake


def unsafe_key(key: str) -> LakeError:
    return LakeError(f"lake key {key!r} is not a relative path of plain segments (no '..', '.', empty segment or leading '/')")


def read_denied(uri: str, code: str) -> LakeError:
    return LakeError(
        f"{uri} exists, but reading it was refused ({code}); the task role reads only the prefixes main.ts's lake and datasets declare"
    )


def lake_location(pipeline: str) -> SettingError:
    return SettingError(
        f"pipeline {pipeline}: neither LAKE_BUCKET (the data lake in S3, set by the platform) "
        "nor LAKE_DIR (a local lake folder, set by run-local --local-lake) is set"
    )
