"""The standard image every app without a Dockerfile of its own is built from."""

import re
from pathlib import Path

DOCKERFILE = Path(__file__).resolve().parent.parent / "Dockerfile"


def instructions(name: str) -> list[str]:
    return re.findall(rf"^{name}\s+(.+?)\s*$", DOCKERFILE.read_text(), flags=re.MULTILINE)


def test_runs_as_a_user_other_than_root() -> None:
    users = instructions("USER")
    assert users, "the standard image sets no USER: it would run as root"
    assert users[-1].split(":")[0] not in ("0", "root")


def test_keeps_tmp_writable_under_a_read_only_root_filesystem() -> None:
    # The task's root filesystem is read-only; it mounts a writable volume at /tmp.
    assert '["/tmp"]' in instructions("VOLUME")


def test_installs_the_runtime_from_its_named_build_context() -> None:
    assert any(line.startswith("--from=runtime ") for line in instructions("COPY"))
