"""The site served by nginx with the project's configuration (ftz-serve, deploy/nginx/): headers, compression, caching, 404s, redirects."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import brotli
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, free_port, ftz, ftz_serve
from ftzsite.pages.build import QUIET_BUILD_ENV

SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def get(url: str, path: str, **headers) -> tuple[int, dict, bytes]:
    """One request, without following redirects: status, headers (lower-case names), body as sent."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def assets_of(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"', html)


@pytest.mark.parametrize("path", ["/", "/en/reforms/2021-05/", "/assets/extra.css", "/search/search_index.json", "/reforms/2021-99/", "/en/nowhere/", "/reforms"])
def test_security_headers_on_every_response(nginx_url, path):
    status, headers, _ = get(nginx_url, path)
    assert status in (200, 301, 404)
    for name, value in SECURITY.items():
        assert headers.get(name) == value, name
    assert "camera=()" in headers["permissions-policy"]
    policy = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";"))
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["default-src"] == "'self'" and policy["style-src"] == "'self'"
    assert "unsafe-eval" not in headers["content-security-policy"] and "unsafe-inline" not in headers["content-security-policy"]
    assert policy["script-src"].startswith("'self' 'sha256-")


def test_csp_allows_exactly_the_inline_scripts_of_the_pages(nginx_url, release):
    from ftzsite.release.csp import inline_scripts, script_hash
    site = release[0] / "site"
    _, headers, _ = get(nginx_url, "/")
    allowed = set(re.findall(r"'sha256-[^']+'", headers["content-security-policy"]))
    used = {script_hash(body) for page in site.rglob("*.html") for body in inline_scripts(page.read_text(encoding="utf-8"))}
    assert allowed == used
    depths = {re.search(r'__md_scope=new URL\("([^"]*)"', page.read_text(encoding="utf-8")).group(1) for page in site.rglob("index.html")}
    assert {".", "..", "../..", "../../.."} <= depths  # the theme's script differs with a page's depth: one hash each


def test_hashed_theme_assets_are_immutable_and_the_rest_revalidates(nginx_url):
    _, _, html = get(nginx_url, "/reforms/2021-05/")
    hashed = [a for a in assets_of(html.decode()) if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", a)]
    assert len(hashed) == 3  # main and palette CSS, the bundle
    for asset in hashed:
        status, headers, _ = get(nginx_url, "/" + asset.replace("../", ""))
        assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable", asset
    for path in ["/reforms/2021-05/", "/en/", "/assets/extra.css", "/assets/javascripts/search-worker.js",
                 "/search/search_index.json", "/en/search/index/meta.json", "/data/reforms.json", "/sitemap.xml"]:
        status, headers, _ = get(nginx_url, path)
        assert status == 200 and headers["cache-control"] == "no-cache", path


@pytest.mark.parametrize("path", ["/reforms/2021-05/index.html", "/assets/stylesheets/main.57a0d79d.min.css", "/assets/extra.css",
                                  "/search/search_index.json", "/data/reforms.json", "/assets/favicon.svg", "/sitemap.xml"])
def test_precompressed_files_are_sent_as_written(nginx_url, release, path):
    site = release[0] / "site"
    if not (site / path.lstrip("/")).exists():  # the theme's hash in the name: take today's file of that kind
        path = "/" + next(site.glob(path.lstrip("/").split(".")[0] + ".*.min.css")).relative_to(site).as_posix()
    original = (site / path.lstrip("/")).read_bytes()
    for encoding, suffix, decode in (("gzip", ".gz", gzip.decompress), ("br", ".br", brotli.decompress)):
        status, headers, body = get(nginx_url, path, **{"Accept-Encoding": encoding})
        assert status == 200 and headers.get("content-encoding") == encoding, (path, encoding)
        assert body == (site / (path.lstrip("/") + suffix)).read_bytes()  # the file beside it, not compressed per request
        assert decode(body) == original
        assert "Accept-Encoding" in headers.get("vary", "")
    status, headers, body = get(nginx_url, path)
    assert "content-encoding" not in headers and body == original


def test_every_text_file_of_the_release_has_its_compressed_copies(release):
    site = release[0] / "site"
    texts = [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml")]
    assert len(texts) > 140  # every page, asset, index and data file
    missing = [p for p in texts if p.stat().st_size > 1024 and not (p.with_name(p.name + ".gz").exists() and p.with_name(p.name + ".br").exists())]
    assert missing == []


@pytest.mark.parametrize("path, lang, heading", [
    ("/nowhere/", "zh", "页面不存在"), ("/reforms/2021-99/", "zh", "页面不存在"),
    ("/en/nowhere/", "en", "Page not found"), ("/en/reforms/2021-99/", "en", "Page not found")])
def test_a_missing_page_is_a_404_in_the_url_language(nginx_url, path, lang, heading):
    status, headers, body = get(nginx_url, path)
    assert status == 404 and headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(body.decode(), "html.parser")
    assert soup.html["lang"] == lang and soup.h1.get_text() == heading
    home = "/" if lang == "zh" else "/en/"
    assert {a["href"] for a in soup.select("article a")} >= {home, f"{home}reforms/"}
    assert not soup.select("link[rel=canonical]") and not soup.select("link[hreflang]")
    for asset in assets_of(body.decode()):  # site-absolute: they load at any depth
        assert get(nginx_url, asset)[0] == 200, asset


def test_directory_urls_redirect_relatively(nginx_url):
    status, headers, _ = get(nginx_url, "/en/reforms")
    assert status == 301 and headers["location"] == "/en/reforms/"


@pytest.mark.slow  # nginx
def test_redirects_of_mkdocs_yml_are_real_301s(tmp_path):
    """A temporary mapping (the real one is empty): pages moved in both languages, one to a measure."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "__pycache__", ".pytest_cache"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    mapping = {"zh/old-item.md": "zh/reforms/2021-05.md", "en/old-item.md": "en/reforms/2021-05.md",
               "zh/reforms/moved.md": "zh/reforms/2021-06.md#measure-2"}
    config = config.replace("redirect_maps: {}", "redirect_maps: " + yaml.safe_dump(mapping, default_flow_style=True).strip())
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=project,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **QUIET_BUILD_ENV})
    assert result.returncode == 0, result.stderr
    # The static pages (for hosts without nginx) are where the URLs are: Chinese at the root, not under /zh/.
    assert not (site / "zh").exists()
    expected = {"/old-item/": "/reforms/2021-05/", "/en/old-item/": "/en/reforms/2021-05/", "/reforms/moved/": "/reforms/2021-06/#measure-2"}
    for old, new in expected.items():
        assert (site / old.strip("/") / "index.html").is_file()
    assert "old-item" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    with ftz_serve(site, free_port()) as (url, _):
        for old, new in expected.items():
            for path in (old, old + "index.html"):
                status, headers, _ = get(url, path)
                assert (status, headers["location"]) == (301, new), path
                assert headers["x-content-type-options"] == "nosniff"
            # An old shared link keeps its query (a filtered list its filter), before the fragment.
            path, _, fragment = new.partition("#")
            kept = path + "?zone=airport&q=%E6%B5%B7" + ("#" + fragment if fragment else "")
            assert get(url, old + "?zone=airport&q=%E6%B5%B7")[1]["location"] == kept


@pytest.mark.slow  # nginx
def test_ftz_serve_stops_cleanly_on_ctrl_c(site, tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    with ftz_serve(site, free_port(), env={"TMPDIR": str(temp)}) as (url, process):
        assert get(url, "/")[0] == 200
        assert len(list(temp.iterdir())) == 1  # its prefix: configuration, pid, temporary files
    code, out, err = process.stopped
    assert code == 0 and "stopped" in out and "Traceback" not in err
    assert list(temp.iterdir()) == []
    with pytest.raises(OSError):
        get(url, "/")


def test_ftz_serve_explains_what_is_missing(tmp_path):
    result = ftz("ftz-serve", "--site", str(tmp_path / "nothing"), "--port", str(free_port()))
    assert result.returncode == 1 and "no built site in" in result.stderr and "Traceback" not in result.stderr
    result = ftz("ftz-serve", "--site", str(tmp_path), env={"NGINX": str(tmp_path / "no-nginx")})
    assert result.returncode == 1 and "nginx is not installed" in result.stderr and "Traceback" not in result.stderr


def test_ftz_serve_takes_any_site_path_and_never_runs_its_worker_as_root(site, tmp_path):
    """A path with $, quotes and spaces; as root with root's files, the worker runs as nobody (on a readable copy)."""
    odd = tmp_path / 'a $uri "b" ;c'
    shutil.copytree(site, odd)
    with ftz_serve(odd, free_port()) as (url, process):
        assert get(url, "/")[0] == 200 and get(url, "/en/reforms/2021-05/")[0] == 200
        workers = subprocess.run(["ps", "-o", "user=,args=", "--ppid", str(_nginx_master(process.pid))], capture_output=True, text=True).stdout
        assert "nginx: worker process" in workers and not [line for line in workers.splitlines() if line.split()[0] == "root"], workers
        if os.geteuid() == 0 and odd.stat().st_uid == 0:
            assert all(line.split()[0] == "nobody" for line in workers.splitlines()), workers
    assert process.stopped[0] == 0


def _nginx_master(serve_pid: int) -> int:
    children = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(serve_pid)], capture_output=True, text=True).stdout
    return next(int(line.split()[0]) for line in children.splitlines() if "nginx" in line)


def test_the_open_data_may_be_fetched_by_other_sites(nginx_url):
    for path in ("/data/reforms.json", "/data/reforms.csv", "/data/reforms/2021-05.json", "/data/reforms.schema.json"):
        assert get(nginx_url, path)[1].get("access-control-allow-origin") == "*", path
    for path in ("/", "/en/data/", "/search/search_index.json"):
        assert "access-control-allow-origin" not in get(nginx_url, path)[1], path


def test_the_offline_copy_is_served_from_the_open_data(nginx_url, release):
    from test_publish import ZIP
    status, headers, body = get(nginx_url, f"/data/{ZIP}")
    assert status == 200 and headers["content-type"] == "application/zip" and body.startswith(b"PK")
    assert body == (release[0] / "site" / "data" / ZIP).read_bytes()


def test_source_maps_are_json(nginx_url, release):
    maps = sorted((release[0] / "site" / "assets").rglob("*.map"))
    assert maps
    path = "/" + maps[0].relative_to(release[0] / "site").as_posix()
    status, headers, _ = get(nginx_url, path)
    assert status == 200 and headers["content-type"].startswith("application/json")


def test_the_https_redirect_does_not_echo_the_host_header():
    example = (ROOT / "deploy" / "nginx" / "example.conf").read_text(encoding="utf-8")
    returns = re.findall(r"^\s*return\s+301\s+(\S+);", example, re.M)
    assert returns == ["https://reforms.example.org$request_uri"]
