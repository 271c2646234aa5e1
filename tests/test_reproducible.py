"""Two clean builds of the same commit are byte-identical.

Nothing in the output depends on the time of the build: sitemaps carry no
dates, the citation's access date is the last commit's date (the browser puts
in the reader's own), and gzip copies of the sitemap are not written.  Outside
a git checkout, set SOURCE_DATE_EPOCH for the same guarantee.
"""

from __future__ import annotations

import hashlib

from conftest import build_site


def digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_identical(site, tmp_path):
    again = digest(build_site(tmp_path / "again"))
    first = digest(site)
    assert sorted(again) == sorted(first)
    assert [path for path in first if first[path] != again[path]] == []
    assert len(first) > 150  # pages, assets, search indexes, downloads
