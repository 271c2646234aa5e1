"""Shared fixtures: the real dataset, broken copies of it, and one built site."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT / "scripts"))

from ftzsite.pages.build import QUIET_BUILD_ENV  # noqa: E402
from static_server import serve  # noqa: E402


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("source"))
    return target


def mkdocs(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd, capture_output=True, text=True, env={**os.environ, **QUIET_BUILD_ENV, **(env or {})},
    )


def build_site(out: Path, site_url: str | None = None) -> Path:
    """Build the site from the real data (strict mode) into `out`."""
    result = mkdocs("build", "--strict", "--site-dir", str(out), env={"SITE_URL": site_url} if site_url else None)
    assert result.returncode == 0, result.stderr
    return out


def page_table(index: Path) -> list[list[str]]:
    """[location, title] of every page of a built language's search index (search/index/), by page id."""
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    shards = range(-(-meta["pages"] // meta["pageShard"]))
    return [row for n in shards for row in json.loads((index / f"p/{n}.json").read_text(encoding="utf-8"))]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once, for its public address."""
    return build_site(tmp_path_factory.mktemp("site"))


# ---------------------------------------------------------------- tiers
# `pytest -m "not slow"` is the fast tier, run while working: everything that needs no browser,
# no nginx, no Lighthouse and no big synthetic build.  Browser tests are slow by their `browser`
# marker or the fixture that starts Chromium, nginx tests by the fixtures that start it; benchmarks,
# Lighthouse, the LinkChecker crawl and most failing builds are marked in place.
SLOW_FIXTURES = {"browser", "release", "nginx_url"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("browser") or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


# ---------------------------------------------------------------- browser
def node_tool(name: str, label: str) -> Path:
    """A tool of package.json, installed by `npm ci`. Missing, its test is skipped, but .ci/run sets
    REQUIRE_LIGHTHOUSE (named after the first such tool) so that CI fails instead of passing without it."""
    tool = ROOT / "node_modules" / ".bin" / name
    if not tool.exists():
        if os.environ.get("REQUIRE_LIGHTHOUSE"):
            pytest.fail(f"{label} is not installed: run `npm ci`")
        pytest.skip(f"{label} is not installed (npm ci)")
    return tool


CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    """The site built for, and served at, a local address (so its absolute URLs stay on this server)."""
    served = tmp_path_factory.mktemp("served")
    with serve(served) as url:
        build_site(served, f"{url}/")
        yield url


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        launch = {"executable_path": CHROMIUM} if Path(CHROMIUM).exists() else {}
        browser = p.chromium.launch(args=ARGS, **launch)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A page that records console errors and any request that leaves the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("request", lambda r: r.url.startswith(("http", "ws")) and not r.url.startswith(base_url) and page.problems.append(f"external request: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"HTTP {r.status}: {r.url}"))
    yield page
    context.close()




# ---------------------------------------------------------------- nginx (deploy/)
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ftz(command: str, *args: str, env: dict | None = None, **options) -> subprocess.CompletedProcess:
    """Run one of the project's commands (ftz-serve, ftz-publish) from this virtual environment."""
    executable = Path(sys.executable).with_name(command)
    return subprocess.run([str(executable), *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, **options)


@contextlib.contextmanager
def ftz_serve(site_dir: Path, port: int, env: dict | None = None):
    """ftz-serve running on `port` until the block ends, then stopped with Ctrl-C (SIGINT), which must end it cleanly."""
    process = subprocess.Popen([str(Path(sys.executable).with_name("ftz-serve")), "--site", str(site_dir), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1).close()
            break
        except OSError:
            if process.poll() is not None:
                raise AssertionError(f"ftz-serve stopped: {process.communicate()}")
            time.sleep(0.1)
    try:
        yield url, process
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
        process.stopped = (process.returncode, out, err)


@pytest.fixture(scope="session")
def release(tmp_path_factory):
    """The release that ftz-publish writes, built for the address ftz-serve then serves it at (see nginx_url)."""
    out, port = tmp_path_factory.mktemp("release"), free_port()
    result = ftz("ftz-publish", "--preview", "--site-url", f"http://127.0.0.1:{port}/", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, port


@pytest.fixture(scope="session")
def nginx_url(release):
    """The release's site served by ftz-serve (nginx with deploy/nginx/)."""
    out, port = release
    with ftz_serve(out / "site", port) as (url, process):
        yield url
    assert process.stopped[0] == 0, process.stopped
