"""What every app's `main` does around its own work: logging, stopping on SIGTERM, reading the
settings, and turning any failure into one logged line and a non-zero exit (so the state machine
retries the run, or ECS restarts the service).
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Mapping
from types import FrameType

from .errors import DeclarationError, LakeError, RecordError, SettingError
from .settings import Settings, read_settings

EXIT_STOPPED = 143
"""The exit code of a run stopped by SIGTERM before it wrote anything (128 + 15, as a killed process)."""

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def run_main(
    log: logging.Logger,
    work: Callable[[Settings, threading.Event], int],
    environ: Mapping[str, str] | None = None,
    stopping_message: str = "stopping before writing anything",
) -> int:
    """
    Configures logging, sets an event on SIGTERM and SIGINT (ECS sends SIGTERM to stop a task), reads
    the settings, then returns `work(settings, stopping)`'s exit code. A missing setting, a record
    that does not match its declaration or a lake error is logged as its one-line message; anything
    else with its traceback; both exit 1.
    """
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    stopping = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.warning("signal %s: %s", signum, stopping_message)
        stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    run = "(no RUN_ID)"
    try:
        settings = read_settings(environ)
        run = settings.run_id or run
        return work(settings, stopping)
    except (SettingError, DeclarationError, RecordError, LakeError) as error:
        log.error("run %s failed: %s", run, error)
        return 1
    except Exception:
        log.exception("run %s failed", run)
        return 1
