"""ftz-publish replaces a release whole or not at all.

A good release is published, then runs into the same --out are stopped at
several points (Ctrl-C to the process group, SIGTERM to ftz-publish alone,
SIGKILL) or fail: each time the previous release must be byte-identical and no
staging folder may be left beside it (after SIGKILL, which cannot be caught, the
next run removes it).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # whole releases, built, stopped and built again: minutes

URL = "https://reforms.ftz-site.net/"
# The runs that must change nothing build for another address, so that any file they wrote would differ.
NEXT = "https://next.ftz-site.net/"


def publish_command(out: Path, url: str = URL) -> list[str]:
    return [str(Path(sys.executable).with_name("ftz-publish")), "--site-url", url, "--out", str(out)]


def snapshot(parent: Path) -> dict[str, str]:
    """Every entry beside and below --out: path → sha256 (files), 'dir' or the link's target."""
    entries = {}
    for path in sorted(parent.rglob("*")):
        key = path.relative_to(parent).as_posix()
        if path.is_symlink():
            entries[key] = "-> " + os.readlink(path)
        elif path.is_dir():
            entries[key] = "dir"
        else:
            entries[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    parent = tmp_path_factory.mktemp("releases")
    result = subprocess.run(publish_command(parent / "dist"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return parent / "dist", snapshot(parent)


def staged(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.publish-*"))


# When to stop a run: a test on its staging folder (stage/site is the new site, stage/offline the offline copy's build).
PHASES = {
    "site build": lambda stage: (stage / "site" / "index.html").exists() and not (stage / "offline").exists(),
    "offline build": lambda stage: (stage / "offline" / "index.html").exists(),
    "zip": lambda stage: any((stage / "site" / "data").glob("*.zip")),
    "compression": lambda stage: (stage / "site" / "index.html.gz").exists(),
}


def run_until(out: Path, phase: str, timeout: float = 120) -> subprocess.Popen:
    process = subprocess.Popen(publish_command(out, NEXT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stages = staged(out)
        if stages and PHASES[phase](stages[0]):
            return process
        if process.poll() is not None:
            pytest.fail(f"ftz-publish ended before {phase}: {process.communicate()}")
        time.sleep(0.005)
    process.kill()
    pytest.fail(f"{phase} not reached")


@pytest.mark.parametrize("phase, how", [
    ("site build", "Ctrl-C"),
    ("offline build", "SIGTERM"),
    ("zip", "SIGTERM"),
    ("compression", "Ctrl-C"),
    ("compression", "SIGTERM"),
])
def test_a_stopped_run_leaves_the_previous_release_and_no_staging_folder(good, phase, how):
    out, before = good
    process = run_until(out, phase)
    if how == "Ctrl-C":
        os.killpg(process.pid, signal.SIGINT)  # the terminal sends it to the whole group: builds and workers too
    else:
        process.send_signal(signal.SIGTERM)  # CI cancellation, a supervisor: ftz-publish alone
    _, err = process.communicate(timeout=60)
    assert process.returncode in (128 + signal.SIGINT, 128 + signal.SIGTERM), err
    assert "is unchanged" in err and "Traceback" not in err, err
    assert snapshot(out.parent) == before


@pytest.mark.parametrize("phase", ["site build", "zip"])  # early and late: the stops above cover every phase
def test_a_killed_run_leaves_the_previous_release_and_the_next_run_clears_its_staging(good, phase):
    out, before = good
    process = run_until(out, phase)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    after = snapshot(out.parent)
    assert {k: v for k, v in after.items() if not k.startswith(".")} == before
    left = staged(out)
    assert left, "SIGKILL cannot be caught: its staging folder stays until the next run"
    sys.path.insert(0, str(ROOT / "scripts"))
    from ftzsite.release.release import remove_stale
    assert remove_stale(out) == left
    assert snapshot(out.parent) == before


def test_a_failing_build_leaves_the_previous_release(good, tmp_path):
    """The offline copy's build fails (after the site's was written): nothing of the new release shows."""
    out, before = good
    (tmp_path / "sitecustomize.py").write_text(
        "import os, sys\n"
        "if os.environ.get('FTZ_OFFLINE') == '1':\n"
        "    print('ERROR   -  Doc file contains a link that is not found (simulated)', file=sys.stderr)\n"
        "    sys.stderr.flush()\n    os._exit(1)\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(publish_command(out, NEXT), capture_output=True, text=True, env=env)
    assert result.returncode == 1 and "the build failed" in result.stderr and "(simulated)" in result.stderr
    assert "is unchanged" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out.parent) == before


def test_bad_data_leaves_the_previous_release(good, data_copy):
    out, before = good
    (data_copy / "zones.yaml").write_text("zones: &z [*z]\n", encoding="utf-8")
    result = subprocess.run(publish_command(out, NEXT), capture_output=True, text=True, env={**os.environ, "FTZ_DATA_DIR": str(data_copy)})
    assert result.returncode == 1 and "anchors and aliases are not allowed" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out.parent) == before


def test_a_complete_run_replaces_the_release_whole(good):
    """Last: a run for another address replaces every file, leaving nothing beside --out."""
    out, before = good
    result = subprocess.run(publish_command(out, "https://other.ftz-site.net/repo/"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    after = snapshot(out.parent)
    assert set(after) == set(before) and after != before and not staged(out)
    assert "https://other.ftz-site.net/repo/reforms/2021-05/" in (out / "site/reforms/2021-05/index.html").read_text(encoding="utf-8")


def test_out_must_be_a_release_folder(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run(publish_command(tmp_path), capture_output=True, text=True)
    assert result.returncode == 1 and "is not a release folder" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
