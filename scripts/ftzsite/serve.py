"""ftz-serve: serve a built site with nginx and the project's own configuration (deploy/nginx/).

    ftz-serve --site site --port 8000

Runs Debian's nginx in the foreground on 127.0.0.1, with a wrapper
configuration in a temporary folder (prefix, pid, temporary files) that
includes deploy/nginx/ as a deployer would, plus the includes generated from
the site (its CSP and redirects, ftzsite.nginx).  Ctrl-C stops it and removes
the temporary folder.
"""

from __future__ import annotations

import argparse
import os
import pwd
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


def wrapper_config(site: Path, port: int, temp: Path, brotli: bool) -> str:
    """The top-level nginx.conf: only what a server's own nginx.conf would have; the rest is deploy/nginx/."""
    owner = pwd.getpwuid(site.stat().st_uid).pw_name
    lines = [
        "# Written by ftz-serve; the site's configuration is in ftz/ (deploy/nginx/).",
        "daemon off;",
        "worker_processes 1;",
        f"pid {temp}/nginx.pid;",
        "error_log stderr warn;",
        # As root, nginx would run its worker as nobody, who cannot read a private folder: use the site's owner.
        f"user {owner};" if os.geteuid() == 0 else "",
        f"load_module {BROTLI_MODULE};" if brotli else "",
        "events { worker_connections 256; }",
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
        f'        root "{site}";',
        "        include ftz/site.conf;",
        "    }",
        "}",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def prepare(site: Path, port: int, temp: Path) -> Path:
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
    config = temp / "nginx.conf"
    config.write_text(wrapper_config(site, port, temp, brotli), encoding="utf-8")
    return Path(nginx)


def serve(site: Path, port: int) -> int:
    site = site.resolve()
    temp = Path(tempfile.mkdtemp(prefix="ftz-serve-"))
    try:
        nginx = prepare(site, port, temp)
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
