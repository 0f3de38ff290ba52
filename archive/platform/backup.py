"""Backups of the archive database: pg_dump custom-format archives, and restoring them.

No Django imports: it works on a connection's settings (a Django settings dict, or a
URL parsed with dj_database_url), so the management commands and the tests share it.

The client programs must be at least as new as the server (pg_dump refuses to dump a
server newer than itself). Candidates are the embedded server's binaries (PostgreSQL 16,
archive.platform.embedded_db.bin_dir()) and those on PATH; the oldest that is new enough wins, so a
PostgreSQL 15 server gets a version-15 pg_dump when one is installed, otherwise 16.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
BACKUP_DIR = BASE_DIR / "var" / "backups"


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class Tool:
    path: Path
    major: int


def _libpq_env(db: dict) -> dict[str, str]:
    """Connection parameters as libpq environment variables: nothing on a command line."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    env["PGDATABASE"] = str(db["NAME"])
    options = db.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return env


def _version(program: Path) -> int:
    out = subprocess.run([str(program), "--version"], capture_output=True, text=True, check=True)
    match = re.search(r"\)\s*(\d+)", out.stdout)  # "pg_dump (PostgreSQL) 16.2"
    if not match:
        raise BackupError(f"cannot read the version of {program}: {out.stdout!r}")
    return int(match.group(1))


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    try:
        from archive.platform import embedded_db

        with warnings.catch_warnings():  # pgserver's platformdirs warns on import
            warnings.simplefilter("ignore")
            embedded = embedded_db.bin_dir() / name
        if embedded.exists():
            found.append(embedded)
    except Exception:  # noqa: BLE001, S110 - pgserver missing: PATH only
        pass
    on_path = shutil.which(name)
    if on_path:
        found.append(Path(on_path))
    return found


def server_major(db: dict) -> int:
    """The server's major version (psql of any version can ask)."""
    psql = _candidates("psql")
    if not psql:
        raise BackupError("no psql found (neither the embedded server's nor on PATH)")
    out = subprocess.run(
        [str(psql[0]), "-XAtc", "SHOW server_version_num"],
        env=_libpq_env(db),
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise BackupError(f"cannot reach the database: {out.stderr.strip()}")
    return int(out.stdout.strip()) // 10000


def pick_tool(name: str, server: int) -> Tool:
    """The oldest `name` (pg_dump, pg_restore) at least as new as the server."""
    tools = sorted(
        (Tool(path, _version(path)) for path in _candidates(name)), key=lambda t: t.major
    )
    for tool in tools:
        if tool.major >= server:
            return tool
    have = ", ".join(f"{t.path} ({t.major})" for t in tools) or "none"
    raise BackupError(f"no {name} for a PostgreSQL {server} server; found: {have}")


def dump(db: dict, directory: Path = BACKUP_DIR, *, now: datetime.datetime | None = None) -> Path:
    """Write a custom-format archive of the database into `directory`; return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"{db['NAME']}-{stamp}.dump"
    partial = target.with_suffix(".dump.partial")
    tool = pick_tool("pg_dump", server_major(db))
    # --no-owner/--no-privileges: the archive restores into a database owned by anyone.
    result = subprocess.run(
        [str(tool.path), "-Fc", "--no-owner", "--no-privileges", "-f", str(partial)],
        env=_libpq_env(db),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    partial.rename(target)  # a finished archive only ever appears whole
    return target


def restore(path: Path, db: dict) -> None:
    """Replace the database's contents by the archive's, in one transaction."""
    if not path.is_file():
        raise BackupError(f"no such backup file: {path}")
    tool = pick_tool("pg_restore", server_major(db))
    result = subprocess.run(
        [
            str(tool.path),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            "-d",
            str(db["NAME"]),
            str(path),
        ],
        env=_libpq_env(db),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed (nothing was changed): {result.stderr.strip()}")
