"""A run's settings in one call: what the platform sets in every container, read and checked at once.

PIPELINE_NAME, ENVIRONMENT, LAKE_PREFIX and LAKE_DATASETS (the datasets main.ts declares) always;
LAKE_BUCKET in the cloud, or LAKE_DIR for a local lake (run-local --local-lake); a job's
DATA_INTERVAL_START, DATA_INTERVAL_END and RUN_ID. The pipeline's own variables and secrets are read
with `Settings.require`, which names the one missing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import errors
from .datasets import DATASETS_VARIABLE, Dataset, datasets_from_json
from .interval import Interval, parse_interval


@dataclass(frozen=True)
class Settings:
    pipeline: str
    environment: str
    lake_prefix: str
    """The pipeline's own prefix, `<pipeline>/`."""
    lake_bucket: str | None
    """The lake bucket, or None for a local lake."""
    lake_dir: str | None
    """A local lake's folder (LAKE_DIR), or None in the cloud."""
    interval: Interval | None
    """A job's data interval; None for a service."""
    run_id: str | None
    datasets: Mapping[str, Dataset]
    environ: Mapping[str, str] = field(repr=False, compare=False, default_factory=dict)
    """Every variable of the run (secrets too: never printed)."""

    def dataset(self, name: str) -> Dataset:
        """A dataset this pipeline declares, by its name in main.ts."""
        found = self.datasets.get(name)
        if found is None:
            raise errors.dataset_unknown(self.pipeline, name, self.datasets)
        return found

    def require_interval(self) -> Interval:
        """The data interval of a job's run (a service has none)."""
        if self.interval is None:
            raise errors.not_a_job(self.pipeline)
        return self.interval

    def loop_interval_seconds(self, default: int = 300) -> int:
        """An always-on pipeline's seconds between two passes: LOOP_INTERVAL (a variable in main.ts), else `default`."""
        text = self.environ.get("LOOP_INTERVAL", "") or str(default)
        if not text.isdigit() or int(text) < 1:
            raise errors.loop_interval(self.pipeline, text)
        return int(text)

    def require(self, name: str, what: str = "a value (see main.ts's variables and secrets)") -> str:
        """One of the pipeline's own variables or secrets; SettingError names it when it is missing or empty."""
        value = self.environ.get(name, "")
        if not value:
            raise errors.setting_missing(self.pipeline, name, what)
        return value


def read_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings of this run, from `environ` (default: the process environment)."""
    env = os.environ if environ is None else environ
    pipeline = env.get("PIPELINE_NAME", "") or "(PIPELINE_NAME not set)"

    def setting(name: str, what: str) -> str:
        value = env.get(name, "")
        if not value:
            raise errors.setting_missing(pipeline, name, what)
        return value

    setting("PIPELINE_NAME", "the pipeline's name, set by the platform in every container")
    environment = setting("ENVIRONMENT", "the environment's name (dev, prod...), set by the platform")
    lake_prefix = setting("LAKE_PREFIX", "the pipeline's lake prefix, <pipeline>/, set by the platform")
    lake_bucket, lake_dir = env.get("LAKE_BUCKET") or None, env.get("LAKE_DIR") or None
    if lake_bucket is None and lake_dir is None:
        raise errors.lake_location(pipeline)
    datasets = datasets_from_json(setting(DATASETS_VARIABLE, "the datasets main.ts declares, as JSON, written by synth into the task definition"))
    start, end = env.get("DATA_INTERVAL_START", ""), env.get("DATA_INTERVAL_END", "")
    if bool(start) != bool(end):
        raise errors.interval_half(pipeline, *(("DATA_INTERVAL_START", "DATA_INTERVAL_END") if start else ("DATA_INTERVAL_END", "DATA_INTERVAL_START")))
    interval = parse_interval(start, end) if start else None
    return Settings(
        pipeline=pipeline,
        environment=environment,
        lake_prefix=lake_prefix,
        lake_bucket=lake_bucket,
        lake_dir=lake_dir,
        interval=interval,
        run_id=env.get("RUN_ID") or None,
        datasets=datasets,
        environ=dict(env),
    )
