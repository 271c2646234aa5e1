"""The lock files pin every Python distribution with hashes, and agree with pyproject.toml.

requirements/runtime.txt and requirements/test.txt are written by `scripts/lock`
(uv pip compile --generate-hashes); pip installs them with --require-hashes.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]["name"]
LOCKS = {"runtime": ROOT / "requirements" / "runtime.txt", "test": ROOT / "requirements" / "test.txt"}


def parse_lock(text: str) -> dict[str, dict]:
    """name → {version, hashes, via}: one entry per requirement (a line `name==version \\` and its `--hash` lines)."""
    entries: dict[str, dict] = {}
    for block in re.split(r"\n(?=\S)", text):
        if block.startswith("#") or not block.strip():
            continue
        head = block.splitlines()[0].split(" \\", 1)[0].split(";", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s]+)", head)
        assert match, f"not pinned to one version: {head!r}"
        name = canonicalize_name(match[1])
        assert name not in entries or entries[name]["version"] == match[2], f"{name} twice with different versions"
        via = re.search(r"# via (.*)", block)
        entries.setdefault(name, {"version": match[2], "hashes": set(), "via": set()})
        entries[name]["hashes"] |= set(re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
        entries[name]["via"] |= {v.strip() for v in via[1].split(",")} if via else set()
    return entries


def direct(requirements: list[str]) -> dict[str, str]:
    """name → pinned version of pyproject requirements (each must be pinned with ==)."""
    pins = {}
    for line in requirements:
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{line}: pin it with =="
        pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def expected(target: str) -> dict[str, str]:
    pins = direct(PYPROJECT["project"]["dependencies"]) | direct(PYPROJECT["build-system"]["requires"])
    if target == "test":
        pins |= direct(PYPROJECT["project"]["optional-dependencies"]["test"])
    return pins


def check(lock_text: str, target: str) -> list[str]:
    """What is wrong between pyproject.toml and one lock file."""
    entries, problems = parse_lock(lock_text), []
    for name, version in expected(target).items():
        if name not in entries:
            problems.append(f"{name}=={version} is in pyproject.toml but not in the lock")
        elif entries[name]["version"] != version:
            problems.append(f"{name}: pyproject.toml pins {version}, the lock {entries[name]['version']}")
    for name, entry in entries.items():
        if not entry["hashes"]:
            problems.append(f"{name} has no hash")
        from_project = any(v.startswith(PROJECT) or v.startswith("pyproject.toml") for v in entry["via"])
        if from_project and name not in expected(target):
            problems.append(f"{name} is a direct requirement in the lock but not in pyproject.toml")
    return problems


@pytest.mark.parametrize("target", sorted(LOCKS))
def test_the_lock_pins_everything_with_hashes_and_agrees_with_pyproject(target):
    assert check(LOCKS[target].read_text(encoding="utf-8"), target) == []


def test_the_runtime_lock_is_the_test_lock_without_the_test_set():
    runtime, test = (parse_lock(LOCKS[t].read_text(encoding="utf-8")) for t in ("runtime", "test"))
    assert {n: e["version"] for n, e in runtime.items()} == {n: test[n]["version"] for n in runtime}


@pytest.mark.parametrize("change, problem", [
    (lambda lock: lock.replace("mkdocs-material==9.8.1", "mkdocs-material==9.8.0"), "mkdocs-material: pyproject.toml pins 9.8.1, the lock 9.8.0"),
    (lambda lock: re.sub(r"\nsegno==.*?(?=\n\S)", "", lock, flags=re.S), "segno==1.6.6 is in pyproject.toml but not in the lock"),
    (lambda lock: re.sub(r"(\nmarkdown==[^\s]+) \\\n(\s+--hash=\S+ \\\n)*\s+--hash=\S+", r"\1", lock), "markdown has no hash"),
    (lambda lock: lock + "extra-thing==1.0 \\\n    --hash=sha256:" + "0" * 64 + "\n    # via tianjin-ftz-reforms-site (pyproject.toml)\n",
     "extra-thing is a direct requirement in the lock but not in pyproject.toml"),
])
def test_a_lock_that_disagrees_is_caught(change, problem):
    lock = LOCKS["runtime"].read_text(encoding="utf-8")
    changed = change(lock)
    assert changed != lock
    assert problem in check(changed, "runtime")


def test_an_unpinned_line_is_caught():
    with pytest.raises(AssertionError, match="not pinned"):
        parse_lock("properdocs>=1.6.5\n")


def test_this_environment_is_installed_from_the_test_lock():
    """Every distribution installed here is in the test lock at its version (pip and the project aside)."""
    locked = {n: e["version"] for n, e in parse_lock(LOCKS["test"].read_text(encoding="utf-8")).items()}
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    extra = {n: v for n, v in installed.items() if n not in locked and n not in ("pip", canonicalize_name(PROJECT))}
    assert extra == {}, "installed but not locked (install with --require-hashes -r requirements/test.txt)"
    assert {n: v for n, v in installed.items() if n in locked and locked[n] != v} == {}
