"""ftz-publish: build a release for its public address.

    ftz-publish --site-url https://owner.github.io/repo/ --out dist

writes
  dist/site/                the site to upload, with a .gz and a .br beside each
                            HTML, CSS, JS, JSON, SVG and XML file (nginx serves them as they are)
  dist/site/data/<name>-offline-v<version>.zip
                            the copy that works opened from disk (unzip, open <name>/index.html),
                            linked from the Open data page
  dist/nginx/               csp.conf and redirects.conf for deploy/nginx/ (to ftz/generated/)

Without an address (--site-url or SITE_URL) it stops: permanent links,
citations and QR codes must point at the real site, an https:// address.
--preview builds for an address on this machine instead (http://127.0.0.1:PORT/).

The release is built beside DIR and replaces it in one step only when it is
complete: a failed or interrupted run leaves the previous release as it was.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

from . import csp, release

from ..finish import offline, redirects
from .address import checked
from ..pages.build import QUIET_BUILD_ENV, source_date
from ..data.load import DATA_DIR, DataError, load_dataset
from .nginx import write_generated

ROOT = Path(__file__).resolve().parents[3]
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")
NAME = "tjftz-reforms-2021"


class PublishError(Exception):
    pass


def build(site_url: str, site_dir: Path, for_disk: bool = False) -> None:
    env = {**os.environ, "SITE_URL": site_url, **QUIET_BUILD_ENV}
    if for_disk:
        env[offline.ENV] = "1"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise PublishError("the build failed:\n" + "\n".join(result.stderr.strip().splitlines()[-15:]))


def compress(path: Path) -> None:
    """Write path.gz and path.br when they are smaller (reproducible: no time stamp, no name in the gzip header)."""
    data = path.read_bytes()
    for suffix, packed in ((".gz", gzip.compress(data, 9, mtime=0)), (".br", brotli.compress(data, quality=11))):
        if len(packed) < len(data):
            path.with_name(path.name + suffix).write_bytes(packed)


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: the workers leave it to the main process,
    # which stops the pool and cleans up (no traceback from each worker).
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def precompress(site_dir: Path) -> int:
    files = sorted(p for p in site_dir.rglob("*") if p.suffix in COMPRESSED and p.is_file())
    pool = ProcessPoolExecutor(initializer=_worker_init)
    try:
        list(pool.map(compress, files, chunksize=16))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return len(files)


def zip_folder(folder: Path, target: Path, name: str, extra: dict[str, str] | None = None) -> None:
    """A zip of `folder` under `name`/, entries sorted and dated from the sources (two releases of one commit are equal).

    extra: more files at the top of the zip, by name (the README)."""
    stamp = tuple(int(part) for part in source_date().split("-")) + (0, 0, 0)
    entries = [(f"{name}/{p.relative_to(folder).as_posix()}", p) for p in sorted(folder.rglob("*")) if p.is_file()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry, content in sorted([*(extra or {}).items(), *entries]):
            info = zipfile.ZipInfo(entry, date_time=stamp)
            info.external_attr = 0o644 << 16
            archive.writestr(info, content.encode("utf-8") if isinstance(content, str) else content.read_bytes(), zipfile.ZIP_DEFLATED)


def add_csp_meta(site_dir: Path) -> None:
    """The policy that a <meta> can carry, in every page: for hosts that send no headers (GitHub Pages).

    Right after <meta charset>, before any script. The redirect pages keep none: their one
    script (the redirect) is not among the hashes, and their <meta refresh> needs no script."""
    skip = set(redirects.redirect_pages(site_dir))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{csp.meta_policy(csp.script_hashes(site_dir, skip=skip))}">'
    for page in site_dir.rglob("*.html"):
        if page.relative_to(site_dir).as_posix().removesuffix("index.html") in skip:
            continue
        html = page.read_text(encoding="utf-8")
        head = html.find("<head>")
        charset = html.find('<meta charset="utf-8">', head)
        if head < 0 or charset < 0:
            raise PublishError(f"{page.relative_to(site_dir)}: no <meta charset> in <head> to put the Content-Security-Policy after")
        at = charset + len('<meta charset="utf-8">')
        page.write_text(html[:at] + tag + html[at:], encoding="utf-8")


def publish(site_url: str, out: Path, name: str = NAME) -> list[Path]:
    """Build the release in a staging folder beside `out`, then swap it in whole (see release.py)."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "site").is_dir())):
        raise PublishError(f"{out} is not a release folder (it has no site/): give a new or former --out folder")
    try:
        version = load_dataset(Path(os.environ.get("FTZ_DATA_DIR", DATA_DIR))).version  # the data the build reads
    except DataError as error:
        raise PublishError("\n" + error.report()) from None
    with release.staging(out) as stage:
        site = stage / "site"
        build(site_url, site)
        # The offline copy: its own build, zipped into the site's downloads (so it is never inside itself).
        copy = stage / "offline"
        build(site_url, copy, for_disk=True)
        zipped = site / "data" / offline.zip_name(name, version)
        zip_folder(copy, zipped, name, extra={f"{name}/README.txt": offline.readme(name, version)})
        shutil.rmtree(copy)
        offline.link_download(site, zipped, name, version)
        write_generated(site, stage / "nginx")
        add_csp_meta(site)
        precompress(site)
        release.swap_in(stage, out)
    return [out / "site", out / "nginx", out / "site" / "data" / zipped.name]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ftz-publish", description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL"), help="the address the site is published at (default: $SITE_URL)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the release")
    parser.add_argument("--name", default=NAME, help=f"name of the offline copy (default: {NAME})")
    parser.add_argument("--preview", action="store_true",
                        help="build for an address on this machine (http://127.0.0.1:PORT/), to try the release locally")
    args = parser.parse_args(argv)
    if not args.site_url:
        print("ftz-publish: no address: give the one the site will be published at, e.g.\n"
              "  ftz-publish --site-url https://owner.github.io/repo/ --out dist\n"
              "(or set SITE_URL). Permanent links, citations and QR codes point at it.", file=sys.stderr)
        return 2
    try:
        with release.signals_raise():
            for path in publish(checked(args.site_url, preview=args.preview), args.out, args.name):
                print(f"wrote {path}")
    except (ValueError, PublishError, offline.MissingMarker, OSError) as error:
        print(f"ftz-publish: {error}", file=sys.stderr)
        print(f"ftz-publish: {args.out} is unchanged.", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, release.Interrupted) as stop:
        signum = getattr(stop, "signum", signal.SIGINT)
        print(f"ftz-publish: stopped by {signal.Signals(signum).name}: {args.out} is unchanged.", file=sys.stderr)
        return 128 + signum
    return 0


if __name__ == "__main__":
    sys.exit(main())
