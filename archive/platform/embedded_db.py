"""The embedded PostgreSQL cluster used when no DATABASE_URL is given.

It lives under ``var/pgdata`` and is started (or reused) through the ``pgserver``
wheel, so a fresh machine needs nothing installed by hand. No Django imports:
settings call :func:`database_url` before Django is configured.

Command line (used by the Makefile)::

    python -m archive.platform.embedded_db start   # start or reuse, print the URL
    python -m archive.platform.embedded_db stop
    python -m archive.platform.embedded_db url
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PGDATA = Path(os.environ.get("ARCHIVE_PGDATA", BASE_DIR / "var" / "pgdata"))
DATABASE_NAME = "archive"


def _server():
    # pgserver warns on every import when XDG_RUNTIME_DIR is unset; the fallback
    # it picks (/tmp/runtime-<uid>) is fine for a lock file.
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    import pgserver

    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives this process, so runserver's
    # reloader, gunicorn workers and the test runner all share one cluster.
    return pgserver.get_server(PGDATA, cleanup_mode=None)


def _ensure_database(server) -> None:
    # DATABASE_NAME is a constant of this module, never user input.
    out = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
    if "(1 row)" not in out:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")


def database_url() -> str:
    """Start the embedded cluster if needed and return a URL to its database."""
    server = _server()
    _ensure_database(server)
    return server.get_uri(DATABASE_NAME)


def bin_dir() -> Path:
    """Where the embedded server's client programs (pg_dump, psql...) live."""
    from pgserver._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


def stop() -> None:
    if not (PGDATA / "postmaster.pid").exists():
        return
    pg_ctl = bin_dir() / "pg_ctl"
    cmd = [str(pg_ctl), "-D", str(PGDATA), "-m", "fast", "-w", "stop"]
    if os.geteuid() == 0:  # the cluster belongs to pgserver's own system user
        cmd = ["su", "pgserver", "-s", "/bin/sh", "-c", " ".join(cmd)]
    subprocess.run(cmd, check=False)


def main(argv: list[str]) -> int:
    action = argv[1] if len(argv) > 1 else "start"
    if action in ("start", "url"):
        print(database_url())
        return 0
    if action == "stop":
        stop()
        return 0
    print(f"usage: {argv[0]} start|stop|url", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
