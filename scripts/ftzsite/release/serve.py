"""ftz-serve: serve a built site with nginx and the project's own configuration (deploy/nginx/).

    ftz-serve --site site --port 8000

Runs Debian's nginx in the foreground on 127.0.0.1, with a wrapper
configuration in a temporary folder (prefix, pid, temporary files) that
includes deploy/nginx/ as a deployer would, plus the includes generated from
the site (its CSP and redirects, ftzsite.nginx).  Ctrl-C stops it and removes
the temporary folder.

The worker never runs as root: run by root, it runs as the site's owner, or,
when root owns the site, as `nobody`, serving a copy of the site that nobody
can read (taken at start). nginx.conf names the site through a link in the
temporary folder, so a site path with `$`, `"` or spaces cannot break it.
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .nginx import DEPLOY, write_generated

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


class ServeError(Exception):
    pass


# What nginx.conf may hold unquoted: the temporary folder's path must be plain.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/._+-]+")


def worker_user(site: Path) -> str | None:
    """`user` for the worker when run as root: the site's owner, or nobody when that is root (None: not root)."""
    if os.geteuid() != 0:
        return None
    owner = pwd.getpwuid(site.stat().st_uid)
    if owner.pw_uid != 0:
        return f"{owner.pw_name} {grp.getgrgid(owner.pw_gid).gr_name}"
    nobody = pwd.getpwnam("nobody")
    return f"nobody {grp.getgrgid(nobody.pw_gid).gr_name}"


def readable_copy(site: Path) -> Path:
    """A copy of a root-owned site that `nobody` can read, in a world-traversable folder (removed by serve)."""
    folder = Path(tempfile.mkdtemp(prefix="ftz-serve-site-", dir="/tmp"))
    folder.chmod(0o755)
    copy = folder / "site"
    shutil.copytree(site, copy)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return copy


def wrapper_config(root: Path, port: int, temp: Path, brotli: bool, user: str | None) -> str:
    """The top-level nginx.conf: only what a server's own nginx.conf would have; the rest is deploy/nginx/."""
    lines = [
        "# Written by ftz-serve; the site's configuration is in ftz/ (deploy/nginx/).",
        "daemon off;",
        "worker_processes 1;",
        f"pid {temp}/nginx.pid;",
        "error_log stderr warn;",
        f"user {user};" if user else "",
        f"load_module {BROTLI_MODULE};" if brotli else "",
        # 256 let 2.6 % of requests fail at 300 concurrent connections.
        "worker_rlimit_nofile 8192;",
        "events { worker_connections 4096; }",
        "http {",
        f"    include {MIME_TYPES};",
        "    default_type application/octet-stream;",
        "    access_log off;",
        "    server_tokens off;",
        *(f"    {kind}_temp_path {temp}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
        "    include ftz/http.conf;",
        "    server {",
        f"        listen 127.0.0.1:{port};",
        "        server_name localhost;",
        f'        root "{root}";',
        "        include ftz/site.conf;",
        "    }",
        "}",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def prepare(site: Path, port: int, temp: Path, copy: Path | None = None) -> Path:
    """Lay out the temporary prefix: ftz/ (deploy/nginx/ and the generated includes) and nginx.conf."""
    # $NGINX, else nginx on the PATH or in /usr/sbin (not on a normal user's PATH on Debian).
    nginx = shutil.which(os.environ.get("NGINX") or "nginx", path=None if os.environ.get("NGINX") else f"{os.environ.get('PATH', '')}:/usr/sbin")
    if not nginx:
        raise ServeError("nginx is not installed (on Debian: apt-get install nginx libnginx-mod-http-brotli-static)")
    if not (site / "index.html").is_file():
        raise ServeError(f"no built site in {site}: build it first (mkdocs build, or ftz-publish)")
    brotli = BROTLI_MODULE.is_file()
    shutil.copytree(DEPLOY, temp / "ftz", ignore=shutil.ignore_patterns("example.conf"))
    if not brotli:
        (temp / "ftz" / "brotli.conf").write_text("# the brotli_static module is not installed\n", encoding="utf-8")
        print("ftz-serve: brotli_static module not installed; serving gzip only", file=sys.stderr)
    write_generated(site, temp / "ftz" / "generated")
    # The site by a plain path (its copy, or a link in the temporary folder), whatever characters its own path has.
    root = copy or temp / "site"
    if not copy:
        root.symlink_to(site, target_is_directory=True)
        temp.chmod(0o711)  # the worker (the site's owner) follows the link; it lists nothing here
    config = temp / "nginx.conf"
    config.write_text(wrapper_config(root, port, temp, brotli, worker_user(site)), encoding="utf-8")
    return Path(nginx)


def serve(site: Path, port: int) -> int:
    site = site.resolve()
    temp = Path(tempfile.mkdtemp(prefix="ftz-serve-"))
    copy = None
    try:
        if not _PLAIN_PATH.fullmatch(str(temp)):
            raise ServeError(f"the temporary folder {temp!r} has characters nginx.conf cannot hold: set TMPDIR to a plain path")
        if (site / "index.html").is_file() and (worker_user(site) or "").startswith("nobody "):
            copy = readable_copy(site)
        nginx = prepare(site, port, temp, copy)
        check = subprocess.run([nginx, "-p", f"{temp}/", "-c", f"{temp}/nginx.conf", "-e", "stderr", "-t", "-q"],
                               capture_output=True, text=True)
        if check.returncode:
            raise ServeError("nginx rejected the configuration:\n" + check.stderr.strip())
        print(f"Serving {site} at http://127.0.0.1:{port}/ with nginx (Ctrl-C to stop)", flush=True)
        process = subprocess.Popen([nginx, "-p", f"{temp}/", "-c", f"{temp}/nginx.conf", "-e", "stderr"],
                                   start_new_session=True)  # Ctrl-C reaches us; we stop nginx ourselves
        try:
            code = process.wait()
        except KeyboardInterrupt:
            process.send_signal(signal.SIGQUIT)  # graceful: finish the requests under way
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            print("ftz-serve: stopped", flush=True)
            return 0
        if code:
            raise ServeError(f"nginx stopped with exit code {code} (is port {port} in use?)")
        return 0
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        if copy:
            shutil.rmtree(copy.parent, ignore_errors=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ftz-serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, _interrupt)  # also when started in the background, where SIGINT is ignored
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it like Ctrl-C
    try:
        return serve(args.site, args.port)
    except ServeError as error:
        print(f"ftz-serve: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
