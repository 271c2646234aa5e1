"""ftz-publish: build a release for its public address.

    ftz-publish --site-url https://owner.github.io/repo/ --out dist

writes
  dist/site/                the site to upload, with a .gz and a .br beside each
                            HTML, CSS, JS, JSON, SVG and XML file (nginx serves them as they are)
  dist/nginx/               csp.conf and redirects.conf for deploy/nginx/ (to ftz/generated/)
  dist/<name>-offline.zip   the copy that works opened from disk: unzip, open <name>/index.html

Without an address (--site-url or SITE_URL) it stops: permanent links,
citations and QR codes must point at the real site.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

from .address import checked
from .build import QUIET_BUILD_ENV, source_date
from .nginx import write_generated
from .offline import ENV as OFFLINE_ENV

ROOT = Path(__file__).resolve().parents[2]
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")
NAME = "tjftz-reforms-2021"


class PublishError(Exception):
    pass


def build(site_url: str, site_dir: Path, offline: bool = False) -> None:
    env = {**os.environ, "SITE_URL": site_url, **QUIET_BUILD_ENV}
    if offline:
        env[OFFLINE_ENV] = "1"
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


def precompress(site_dir: Path) -> int:
    files = sorted(p for p in site_dir.rglob("*") if p.suffix in COMPRESSED and p.is_file())
    with ProcessPoolExecutor() as pool:
        list(pool.map(compress, files, chunksize=16))
    return len(files)


def zip_folder(folder: Path, target: Path, name: str) -> None:
    """A zip of `folder` under `name`/, entries sorted and dated from the sources (two releases of one commit are equal)."""
    stamp = tuple(int(part) for part in source_date().split("-")) + (0, 0, 0)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{name}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)


def publish(site_url: str, out: Path, name: str = NAME) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    site = out / "site"
    build(site_url, site)
    write_generated(site, out / "nginx")
    precompress(site)
    zipped = out / f"{name}-offline.zip"
    with tempfile.TemporaryDirectory() as temp:
        build(site_url, Path(temp) / "site", offline=True)
        zip_folder(Path(temp) / "site", zipped, name)
    return [site, out / "nginx", zipped]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ftz-publish", description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL"), help="the address the site is published at (default: $SITE_URL)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the release")
    parser.add_argument("--name", default=NAME, help=f"name of the offline copy (default: {NAME})")
    args = parser.parse_args(argv)
    if not args.site_url:
        print("ftz-publish: no address: give the one the site will be published at, e.g.\n"
              "  ftz-publish --site-url https://owner.github.io/repo/ --out dist\n"
              "(or set SITE_URL). Permanent links, citations and QR codes point at it.", file=sys.stderr)
        return 2
    try:
        for path in publish(checked(args.site_url), args.out, args.name):
            print(f"wrote {path}")
    except (ValueError, PublishError) as error:
        print(f"ftz-publish: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
