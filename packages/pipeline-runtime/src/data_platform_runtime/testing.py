"""For a pipeline's tests: its run's environment as the platform builds it, with the datasets main.ts
declares (read from the pipeline's synthesized manifest, so a column renamed in Python but not in
main.ts fails the tests) and a local lake in a folder of the test's own.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import errors
from .datasets import DATASETS_VARIABLE
from .lake import Lake
from .settings import Settings, read_settings

MANIFEST = Path("cdktf.out") / "fleet-manifest.json"


def pipeline_folder(start: str | Path) -> Path:
    """The pipeline folder (the one holding `cdktf.json`) at or above `start`, e.g. a test's `__file__`."""
    here = Path(start).resolve()
    for folder in [here, *here.parents]:
        if (folder / "cdktf.json").is_file():
            return folder
    raise errors.manifest_missing(str(start))


def declared_datasets_json(start: str | Path) -> str:
    """LAKE_DATASETS as synth writes it: the datasets of the pipeline's manifest (the first environment's; they are the same in every one)."""
    manifest = pipeline_folder(start) / MANIFEST
    if not manifest.is_file():
        raise errors.manifest_missing(str(start))
    document = json.loads(manifest.read_text(encoding="utf-8"))
    first = next(iter(document["environments"].values()))
    return json.dumps(first["datasets"])


def pipeline_environment(
    start: str | Path,
    lake_dir: str | Path,
    interval: tuple[str, str] | None = None,
    run_id: str = "test-run",
    variables: dict[str, str] | None = None,
) -> dict[str, str]:
    """
    What the platform sets in the pipeline's container, for a local lake in `lake_dir`: PIPELINE_NAME
    (the folder's name), ENVIRONMENT `test`, LAKE_PREFIX, LAKE_DIR, LAKE_DATASETS, and for a job
    (`interval` given, `YYYY-MM-DDTHH:MM:SSZ` each) DATA_INTERVAL_START/END and RUN_ID; then `variables`.
    """
    name = pipeline_folder(start).name
    environ = {
        "PIPELINE_NAME": name,
        "ENVIRONMENT": "test",
        "LAKE_PREFIX": f"{name}/",
        "LAKE_DIR": str(lake_dir),
        DATASETS_VARIABLE: declared_datasets_json(start),
    }
    if interval is not None:
        environ.update({"DATA_INTERVAL_START": interval[0], "DATA_INTERVAL_END": interval[1], "RUN_ID": run_id})
    return {**environ, **(variables or {})}


def pipeline_settings(
    start: str | Path,
    lake_dir: str | Path,
    interval: tuple[str, str] | None = None,
    run_id: str = "test-run",
    variables: dict[str, str] | None = None,
) -> Settings:
    """The settings of a run with `pipeline_environment(...)`: what `read_settings()` gives the app in its container."""
    return read_settings(pipeline_environment(start, lake_dir, interval, run_id, variables))


def files_written(lake: Lake, settings: Settings) -> dict[str, list[str]]:
    """What a run wrote to each dataset the pipeline declares: its files' keys under the dataset's prefix (datasets without any left out)."""
    found = {name: [item.key.removeprefix(dataset.prefix) for item in lake.list_objects(dataset.prefix)] for name, dataset in settings.datasets.items()}
    return {name: keys for name, keys in found.items() if keys}
