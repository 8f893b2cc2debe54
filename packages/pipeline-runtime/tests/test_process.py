import json
import logging
import signal

from data_platform_runtime import EXIT_STOPPED, RecordError, run_main

from conftest import PRODUCTS

LOG = logging.getLogger("shop")
ENVIRONMENT = {
    "PIPELINE_NAME": "shop",
    "ENVIRONMENT": "dev",
    "LAKE_DIR": "/nowhere",
    "LAKE_PREFIX": "shop/",
    "LAKE_DATASETS": json.dumps({"products": PRODUCTS}),
    "RUN_ID": "run-1",
}


def test_exit_code_is_the_works():
    assert run_main(LOG, lambda settings, stopping: 0, ENVIRONMENT) == 0
    assert run_main(LOG, lambda settings, stopping: EXIT_STOPPED, ENVIRONMENT) == 143


def test_missing_setting_logged_in_one_line_and_exits_1_before_any_work(caplog):
    called = []

    def work(settings, stopping):
        called.append(settings)
        return 0

    assert run_main(LOG, work, {**ENVIRONMENT, "LAKE_PREFIX": ""}) == 1
    assert called == []
    assert caplog.records[-1].getMessage() == (
        "run (no RUN_ID) failed: pipeline shop: LAKE_PREFIX is not set; expected the pipeline's lake prefix, <pipeline>/, set by the platform"
    )


def test_rows_that_do_not_match_logged_without_traceback(caplog):
    def work(settings, stopping):
        raise RecordError("dataset shop.products: row 0 ...")

    assert run_main(LOG, work, ENVIRONMENT) == 1
    assert caplog.records[-1].getMessage() == "run run-1 failed: dataset shop.products: row 0 ..."
    assert caplog.records[-1].exc_info is None


def test_any_other_failure_logged_with_its_traceback(caplog):
    def work(settings, stopping):
        raise ConnectionError("the source is down")

    assert run_main(LOG, work, ENVIRONMENT) == 1
    assert caplog.records[-1].exc_info is not None


def test_sigterm_sets_the_stopping_event(caplog):
    def work(settings, stopping):
        signal.raise_signal(signal.SIGTERM)
        return EXIT_STOPPED if stopping.is_set() else 0

    try:
        assert run_main(LOG, work, ENVIRONMENT, stopping_message="stopping at the next page") == 143
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    assert "signal 15: stopping at the next page" in caplog.text
