"""A database restart while gunicorn serves: requests in flight may fail, then full service
comes back at once, without restarting gunicorn (CONN_HEALTH_CHECKS drops dead connections).

The database is a throwaway cluster made with the embedded server's binaries
(archive.platform.embedded_db.bin_dir()) in a temporary directory on its own port, so restarting it
disturbs nobody. Needs no Django test database: everything runs in child processes.
"""

import concurrent.futures
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

REQUESTS = ["/readyz", "/api/articles", "/search?q=%D8%A7%D9%84%D8%A5%D8%B1%D9%87%D8%A7%D8%A8"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin_dir() -> Path:
    from archive.platform import embedded_db

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return embedded_db.bin_dir()


class Cluster:
    """initdb + pg_ctl in a temporary directory; as the pgserver user when we are root."""

    def __init__(self):
        self.bin = _bin_dir()
        if not (self.bin / "initdb").exists():
            pytest.skip("the embedded PostgreSQL binaries are not installed")
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            try:
                self.user = pwd.getpwnam("pgserver")
            except KeyError:
                pytest.skip("running as root and no 'pgserver' user to run PostgreSQL as")
        self.dir = Path(tempfile.mkdtemp(prefix="ct-archive-restart-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        if self.user:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)

    def _run(self, *args, check=True):
        kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid} if self.user else {}
        return subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            check=check,
            capture_output=True,
            text=True,
            cwd=self.dir,
            timeout=120,
            **kwargs,
        )

    def init_and_start(self):
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self._pg_ctl("start")
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "archive")

    def _pg_ctl(self, action, *extra):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir}"
        return self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            *extra,
            action,
        )

    def restart(self):
        self._pg_ctl("restart", "-m", "fast")

    def stop(self):
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/archive"


def _get(base, path, timeout=15):
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return type(error).__name__


@pytest.fixture
def served():
    cluster = Cluster()
    gunicorn = None
    try:
        cluster.init_and_start()
        port = _free_port()
        env = {
            **os.environ,
            "DATABASE_URL": cluster.url,
            "DJANGO_DEBUG": "1",
            "DJANGO_LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "2",
            "ARCHIVE_API_RATE_ANON": "1000000/min",  # no throttle in the way
        }
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrate.returncode == 0, migrate.stderr[-800:]
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "archive.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while _get(base, "/healthz", timeout=2) != 200:
            assert gunicorn.poll() is None, "gunicorn exited"
            assert time.monotonic() < deadline, "gunicorn did not come up"
            time.sleep(0.2)
        yield base, cluster, gunicorn
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=60)
        cluster.stop()


def test_a_database_restart_fails_requests_in_flight_then_service_is_back_at_once(served):
    base, cluster, gunicorn = served
    # Warm every worker thread's persistent connection, so that each holds one the
    # restart will kill.
    warm = [_get(base, path) for _ in range(6) for path in REQUESTS]
    assert set(warm) == {200}, warm

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        stop = time.monotonic() + 3600
        in_flight = []

        def hammer():
            statuses = []
            while time.monotonic() < stop:
                for path in REQUESTS:
                    statuses.append(_get(base, path))
            return statuses

        futures = [pool.submit(hammer) for _ in range(4)]
        time.sleep(0.5)
        cluster.restart()  # pg_ctl restart -m fast -w: returns once it accepts connections
        stop = time.monotonic()
        for future in futures:
            in_flight.extend(future.result())

    # Requests during the restart: an answer, a refusal (5xx) or nothing worse.
    assert all(s == 200 or (isinstance(s, int) and 500 <= s <= 503) for s in in_flight), set(
        in_flight
    )
    # Right after: full service on the first try, from every worker, gunicorn untouched.
    after = [_get(base, path) for _ in range(8) for path in REQUESTS]
    assert after == [200] * len(after), after
    assert gunicorn.poll() is None
