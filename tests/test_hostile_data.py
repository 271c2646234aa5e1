"""Hostile data files are refused quickly, with `data/FILE:LINE: why`, bounded output and no traceback.

Each case runs ftz-check in a child process under a memory cap (RLIMIT_AS) and a
time limit, and measures the child's CPU time and peak memory (wait4's rusage):
before these checks, a 47 KB alias bomb made ftz-check use gigabytes, deep
nesting crashed the interpreter, and duplicate keys passed silently.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

TIME_LIMIT_S = 10        # wall time of one check, a generous bound on a loaded 2-core machine (they take < 1 s)
MEMORY_CAP = 1 << 30     # address space of the child: a regression fails with MemoryError instead of eating the machine
PEAK_RSS_LIMIT_MB = 200  # peak resident memory of the child (the real data needs about 60 MB)
OUTPUT_LIMIT = 4000      # characters of output


def append(name: str, text: str):
    return lambda d: (d / name).write_text((d / name).read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(name: str, old: str, new: str):
    def edit(d: Path) -> None:
        text = (d / name).read_text(encoding="utf-8")
        assert old in text, old
        (d / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def write(name: str, text: str):
    return lambda d: (d / name).write_text(text, encoding="utf-8")


def bomb(levels: int) -> str:
    """A "billion laughs" through a real field: 9**levels values from a few KB."""
    lines = ['a0: &a0 ["' + "x" * 40 + '"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels + 1)]
    return "\n".join(lines) + f"\nzones: *a{levels}\n"


CASES = {
    # name: (how to break a copy of data/, the message expected)
    "alias bomb through a field": (write("zones.yaml", bomb(9)), r"zones\.yaml:1: anchor &a0: anchors and aliases are not allowed"),
    "an alias": (replace("topics.yaml", "topics:", "x: &t []\ntopics:"), r"topics\.yaml:\d+: anchor &t: anchors and aliases"),
    "merge-key bomb": (write("zones.yaml", "m: &m {a: 1}\nzones:\n  - <<: *m\n"), r"zones\.yaml:1: anchor &m"),
    "duplicate key in a record": (replace("glossary.yaml", "    definition:\n", "    definition:\n      en: first\n"),
                                  r"glossary\.yaml:\d+: duplicate key 'en' \(first at line \d+\); keep one"),
    "duplicate top-level key": (append("reforms.yaml", "items: []\n"), r"reforms\.yaml:\d+: duplicate key 'items'"),
    "nesting 1,000 deep": (write("zones.yaml", "zones: " + "[" * 1000 + "]" * 1000 + "\n"), r"zones\.yaml:1: nested more than 20 levels deep"),
    "nesting 100,000 deep": (write("zones.yaml", "zones: " + "[" * 100_000 + "\n"), r"zones\.yaml:1: nested more than 20 levels deep"),
    "oversized file": (append("topics.yaml", ("# " + "x" * 98 + "\n") * 90_000), r"topics\.yaml: file is 9,\d{3},\d{3} bytes, larger than the limit of 8,388,608"),
    "oversized value": (replace("reforms.yaml", 'name:\n      zh: "', 'name:\n      zh: "' + "长" * 1_000_000),
                        r"reforms\.yaml:\d+: a value of 1,0\d\d,\d{3} characters \(at most 20,000\): '长长长"),
    # A wrong type quotes the value it found shortened, however large or deep it is.
    "huge value of the wrong type": (replace("reforms.yaml", "number: 5\n", "number: [" + ", ".join(["[1, 2, 3, [4, 5, [6, [7]]]]"] * 2000) + "]\n"),
                                     r"reforms\.yaml: 2021-05\.number: input should be a valid integer, found list \[\[1, 2, 3, \[\.\.\.\]\], .{0,100}\.\.\.\]$"),
}


def run_check(data_dir: Path) -> tuple[int, str, float, float]:
    """ftz-check on `data_dir`: exit code, output, wall seconds, peak RSS in MB."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
        resource.setrlimit(resource.RLIMIT_CPU, (TIME_LIMIT_S, TIME_LIMIT_S))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    start = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "ftzsite.data.check", "--data", str(data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, preexec_fn=limit, env=env)
    try:
        output, _ = child.communicate(timeout=TIME_LIMIT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        pytest.fail(f"ftz-check ran longer than {TIME_LIMIT_S} s")
    elapsed = time.monotonic() - start
    # The child is reaped by communicate(); its rusage is in RUSAGE_CHILDREN, a running maximum over children,
    # so the peak is measured in a fresh process (this function runs each case in its own child).
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return child.returncode, output.decode("utf-8", "replace"), elapsed, peak_mb


def _measure(data_dir: str, queue) -> None:
    queue.put(run_check(Path(data_dir)))


def measured_check(data_dir: Path) -> tuple[int, str, float, float]:
    """run_check in a fresh process, so RUSAGE_CHILDREN holds this child alone."""
    import multiprocessing
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    worker = context.Process(target=_measure, args=(str(data_dir), queue))
    worker.start()
    result = queue.get(timeout=TIME_LIMIT_S * 3)
    worker.join()
    return result


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_data_is_refused_quickly_clearly_and_briefly(case, data_copy):
    breaks, expected = CASES[case]
    breaks(data_copy)
    code, output, seconds, peak_mb = measured_check(data_copy)
    print(f"{case}: rc {code}, {seconds:.2f} s, peak {peak_mb:.0f} MB, {len(output)} characters of output")
    assert code == 1, output[:2000]
    assert "Traceback" not in output and "Error:" not in output, output[:2000]
    assert re.search(expected, output, re.M), output[:2000]
    assert output.rstrip().endswith("nothing was built."), output[-500:]
    assert len(output) < OUTPUT_LIMIT, f"{len(output)} characters of output"
    assert seconds < TIME_LIMIT_S
    assert peak_mb < PEAK_RSS_LIMIT_MB, f"peak memory {peak_mb:.0f} MB"


def test_the_real_data_passes_within_the_same_bounds(data_copy):
    code, output, seconds, peak_mb = measured_check(data_copy)
    print(f"real data: {seconds:.2f} s, peak {peak_mb:.0f} MB")
    assert code == 0, output
    assert seconds < TIME_LIMIT_S and peak_mb < PEAK_RSS_LIMIT_MB


def test_the_build_refuses_the_alias_bomb_as_quickly(data_copy, tmp_path):
    """The MkDocs hook loads the data through the same checks (so does CI on any pull request)."""
    from conftest import mkdocs
    CASES["alias bomb through a field"][0](data_copy)
    start = time.monotonic()
    result = mkdocs("build", "--site-dir", str(tmp_path / "site"), env={"FTZ_DATA_DIR": str(data_copy)})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "anchors and aliases are not allowed" in output and "Traceback" not in output, output[-2000:]
    assert len(output) < OUTPUT_LIMIT and time.monotonic() - start < 30
    assert not (tmp_path / "site").exists()
