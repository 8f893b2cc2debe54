import json
from datetime import UTC, datetime

import pytest
from data_platform_runtime import DeclarationError, Interval, LocalLake, S3Lake, SettingError, open_lake, read_settings

from conftest import PRODUCTS

JOB = {
    "PIPELINE_NAME": "shop",
    "ENVIRONMENT": "dev",
    "LAKE_BUCKET": "lake-bucket",
    "LAKE_PREFIX": "shop/",
    "LAKE_DATASETS": json.dumps({"products": PRODUCTS}),
    "DATA_INTERVAL_START": "2026-12-01T10:00:00Z",
    "DATA_INTERVAL_END": "2026-12-01T11:00:00Z",
    "RUN_ID": "schedule-20261201T1000Z-20261201T1100Z",
    "SHOP_TOKEN": "secret-value",
}


def test_settings_of_a_job_read_in_one_call():
    settings = read_settings(JOB)

    assert (settings.pipeline, settings.environment, settings.lake_prefix) == ("shop", "dev", "shop/")
    assert (settings.lake_bucket, settings.lake_dir) == ("lake-bucket", None)
    assert settings.require_interval() == Interval(datetime(2026, 12, 1, 10, tzinfo=UTC), datetime(2026, 12, 1, 11, tzinfo=UTC))
    assert settings.run_id == "schedule-20261201T1000Z-20261201T1100Z"
    assert settings.dataset("products").table == "shop_products"
    assert settings.require("SHOP_TOKEN") == "secret-value"


def test_secrets_never_in_the_settings_repr():
    assert "secret-value" not in repr(read_settings(JOB))


def test_a_service_has_no_interval():
    settings = read_settings({k: v for k, v in JOB.items() if not k.startswith("DATA_INTERVAL")})

    assert settings.interval is None
    with pytest.raises(SettingError) as error:
        settings.require_interval()
    assert str(error.value) == (
        "pipeline shop: this run has no data interval (DATA_INTERVAL_START and DATA_INTERVAL_END are not set); "
        "only a job's run has one: declare mode 'job' in main.ts, or use run-local's --from/--to"
    )


def test_half_an_interval_refused():
    with pytest.raises(SettingError) as error:
        read_settings({**JOB, "DATA_INTERVAL_END": ""})

    assert str(error.value) == (
        "pipeline shop: DATA_INTERVAL_START is set but DATA_INTERVAL_END is not; a job's run gets both (its data interval), a service neither"
    )


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("ENVIRONMENT", "the environment's name (dev, prod...), set by the platform"),
        ("LAKE_PREFIX", "the pipeline's lake prefix, <pipeline>/, set by the platform"),
        ("LAKE_DATASETS", "the datasets main.ts declares, as JSON, written by synth into the task definition"),
    ],
)
def test_missing_platform_setting_named(name, what):
    with pytest.raises(SettingError) as error:
        read_settings({**JOB, name: ""})

    assert str(error.value) == f"pipeline shop: {name} is not set; expected {what}"


def test_loop_interval_of_a_service_in_seconds_with_a_default():
    assert read_settings({**JOB, "LOOP_INTERVAL": "60"}).loop_interval_seconds() == 60
    assert read_settings(JOB).loop_interval_seconds(default=30) == 30


def test_loop_interval_that_is_not_seconds_refused():
    with pytest.raises(SettingError) as error:
        read_settings({**JOB, "LOOP_INTERVAL": "5m"}).loop_interval_seconds()

    assert str(error.value) == "pipeline shop: LOOP_INTERVAL is '5m'; expected a whole number of seconds, at least 1"


def test_missing_pipeline_variable_named():
    with pytest.raises(SettingError) as error:
        read_settings(JOB).require("SHOP_DOMAIN", "the shop's domain, e.g. acme.example.com")

    assert str(error.value) == "pipeline shop: SHOP_DOMAIN is not set; expected the shop's domain, e.g. acme.example.com"


def test_no_lake_refused():
    with pytest.raises(SettingError) as error:
        read_settings({**JOB, "LAKE_BUCKET": ""})

    assert str(error.value) == (
        "pipeline shop: neither LAKE_BUCKET (the data lake in S3, set by the platform) nor LAKE_DIR (a local lake folder, set by run-local --local-lake) is set"
    )


def test_unknown_dataset_refused_listing_the_declared_ones():
    with pytest.raises(DeclarationError) as error:
        read_settings(JOB).dataset("product")

    assert str(error.value) == (
        "pipeline shop declares no dataset 'product'; it declares: products. Declare it in main.ts's datasets (then synth), or fix the name"
    )


def test_lake_dir_opens_a_local_lake_and_needs_no_bucket(tmp_path):
    settings = read_settings({**JOB, "LAKE_BUCKET": "", "LAKE_DIR": str(tmp_path)})

    lake = open_lake(settings)
    assert isinstance(lake, LocalLake)
    assert lake.root == tmp_path


def test_lake_bucket_opens_the_s3_lake(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    lake = open_lake(read_settings(JOB))

    assert isinstance(lake, S3Lake)
    assert lake.bucket == "lake-bucket"
