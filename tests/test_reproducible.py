"""Two clean builds of the same commit are byte-identical.

Nothing in the output depends on the time of the build: sitemaps carry no
dates, the citation's access date is the last commit's date (the browser puts
in the reader's own), and gzip copies of the sitemap are not written.  Outside
a git checkout, set SOURCE_DATE_EPOCH for the same guarantee.
"""

from __future__ import annotations

import hashlib
import subprocess

from conftest import ROOT, build_site

from ftzsite.theme import generated


def digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_identical(site, tmp_path):
    again = digest(build_site(tmp_path / "again"))
    first = digest(site)
    assert sorted(again) == sorted(first)
    assert [path for path in first if first[path] != again[path]] == []
    assert len(first) > 150  # pages, assets, search indexes, downloads


def untracked_in_docs() -> list[str]:
    """Files in docs/ that git does not track, ignored ones included."""
    out = subprocess.run(["git", "status", "--porcelain", "--ignored", "docs"], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def test_a_build_writes_nothing_into_docs(site):
    # The generated pages reach MkDocs in memory (ftzsite/theme/generated.py); `site` was built from this tree.
    assert untracked_in_docs() == []


def test_a_generated_page_left_in_docs_by_an_older_build_is_found(tmp_path):
    """What the hook refuses before a build (a file of docs/ would stand for the generated one), and what it lets be."""
    (tmp_path / "zh" / "reforms").mkdir(parents=True)
    (tmp_path / "zh" / "reforms" / "2021-01.md").write_text("old\n", encoding="utf-8")
    pages = {"zh/reforms/2021-01.md": "new", "en/reforms/2021-01.md": "new"}
    assert generated.shadowed(pages, str(tmp_path)) == ["zh/reforms/2021-01.md"]
    assert generated.shadowed(pages, str(ROOT / "docs")) == []
