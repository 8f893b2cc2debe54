import json

import pytest
from data_platform_runtime import DeclarationError, LocalLake, read_settings
from data_platform_runtime.testing import files_written, pipeline_environment, pipeline_settings

from conftest import PRODUCTS


def pipeline(tmp_path, manifest=True):
    folder = tmp_path / "shop"
    (folder / "app" / "tests").mkdir(parents=True)
    (folder / "cdktf.json").write_text("{}")
    if manifest:
        (folder / "cdktf.out").mkdir()
        (folder / "cdktf.out" / "fleet-manifest.json").write_text(json.dumps({"environments": {"dev": {"datasets": {"products": PRODUCTS}}}}))
    return folder / "app" / "tests" / "test_main.py"


def test_pipeline_environment_is_what_the_platform_sets_with_the_manifests_datasets(tmp_path):
    environ = pipeline_environment(pipeline(tmp_path), tmp_path / "lake", ("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"), variables={"TOKEN": "t"})

    settings = read_settings(environ)
    assert (settings.pipeline, settings.lake_prefix, settings.lake_dir, settings.run_id) == ("shop", "shop/", str(tmp_path / "lake"), "test-run")
    assert list(settings.datasets) == ["products"]
    assert settings.require("TOKEN") == "t"


def test_pipeline_settings_are_those_of_that_environment(tmp_path):
    test_file = pipeline(tmp_path)

    assert pipeline_settings(test_file, tmp_path / "lake") == read_settings(pipeline_environment(test_file, tmp_path / "lake"))


def test_without_a_synthesized_manifest_the_tests_say_to_synthesize(tmp_path):
    test_file = pipeline(tmp_path, manifest=False)

    with pytest.raises(DeclarationError) as error:
        pipeline_environment(test_file, tmp_path / "lake")

    assert str(error.value) == (
        f"no cdktf.out/fleet-manifest.json in the pipeline folder above {test_file}: synthesize it first (npx nx run <pipeline>:synth; the test target does it)"
    )


def test_files_written_per_declared_dataset_under_its_prefix(tmp_path):
    settings = pipeline_settings(pipeline(tmp_path), tmp_path / "lake", ("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"))
    lake = LocalLake(tmp_path / "lake")
    assert files_written(lake, settings) == {}

    lake.write(settings.dataset("products"), [{"id": 1}], start=settings.require_interval().start)
    lake.put_bytes("shop/state/cursor.json", b"{}")

    assert files_written(lake, settings) == {"products": ["dt=2026-12-01/hour=10/part-20261201T1000Z.parquet"]}
