"""A throwaway PostgreSQL server for tests and benchmarks: the real server, not a stand-in.

Cadence promises PostgreSQL for larger deployments, so the store is tested on a real one. This
module runs Debian's own `initdb` and `pg_ctl` in a temporary folder, listening on 127.0.0.1 on
a free port (its unix socket stays in the same folder), and removes everything when done:

    with running_postgres() as server:          # one server, a few hundred milliseconds
        with server.fresh_database() as url:    # an empty database, dropped afterwards
            engine = sqlalchemy.create_engine(url)

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
that Debian's package creates. The settings trade durability for speed (fsync off): a crash
loses the data, which for a throwaway server is no loss.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

SEARCH_PATTERN = "/usr/lib/postgresql/*/bin"
INSTALL_HINT = "install Debian's postgresql package (apt-get install postgresql; .ci/system-packages does it)"
SUPERUSER = "postgres"
PORT_ATTEMPTS = 3

# Durability off: nothing here must survive a crash. listen_addresses keeps it on loopback.
FAST_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "listen_addresses": "'127.0.0.1'",
}


class PostgresUnavailable(RuntimeError):
    """The server programs (or a user allowed to run them) are not on this machine."""


class PostgresStartError(RuntimeError):
    """The programs are here but the server did not start; the message carries its log."""


@dataclass(frozen=True, kw_only=True)
class PostgresServer:
    """A running server: where to reach it and how to get a clean database on it."""

    host: str
    port: int
    user: str
    directory: Path

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of one database on this server (psycopg 3 driver)."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database (a copy of template1) and return its URL."""
        self._run_admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database even if a forgotten connection pool still holds it (FORCE)."""
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self._run_admin(statement.format(sql.Identifier(name)))

    @contextmanager
    def fresh_database(self, prefix: str = "test") -> Iterator[str]:
        """An empty database under a unique name, dropped on the way out."""
        name = f"{prefix}_{secrets.token_hex(6)}"
        url = self.create_database(name)
        try:
            yield url
        finally:
            self.drop_database(name)

    def _run_admin(self, statement: sql.Composable) -> None:
        # CREATE/DROP DATABASE cannot run inside a transaction block, hence autocommit.
        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(statement)


@contextmanager
def running_postgres(settings: Mapping[str, str] | None = None) -> Iterator[PostgresServer]:
    """Start a server in a new temporary folder; stop it and delete the folder afterwards.
    ``settings`` (postgresql.conf values, quoted as the file wants them) override the fast
    ones: the benchmarks turn durability back on ({"fsync": "on", ...})."""
    binaries = find_binaries()
    runner = server_user()
    directory = Path(tempfile.mkdtemp(prefix="cadence-pg-"))
    try:
        _hand_over(directory, runner)
        _init_cluster(binaries, directory / "data", runner)
        server = _start_on_free_port(binaries, directory, runner, dict(settings or {}))
        try:
            yield server
        finally:
            _stop(binaries, directory, runner)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def find_binaries(candidates: Iterable[Path] | None = None) -> Path:
    """The newest folder holding initdb and pg_ctl; CADENCE_PG_BIN overrides the search."""
    if candidates is None:
        candidates = _default_candidates()
    usable = [path for path in candidates if _has_server_programs(path)]
    if not usable:
        raise PostgresUnavailable(
            f"PostgreSQL server programs (initdb, pg_ctl) not found in {SEARCH_PATTERN}"
            f" or $CADENCE_PG_BIN: {INSTALL_HINT}"
        )
    return max(usable, key=_version_key)


def server_user() -> pwd.struct_passwd | None:
    """Whom to run the server as: None means "as ourselves"; as root, the postgres user."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailable(
            "PostgreSQL will not run as root and there is no 'postgres' user to run it as: "
            + INSTALL_HINT
        ) from None


def _default_candidates() -> list[Path]:
    override = os.environ.get("CADENCE_PG_BIN")
    if override:
        return [Path(override)]
    found = sorted(Path("/").glob(SEARCH_PATTERN.lstrip("/")))
    on_path = shutil.which("pg_ctl")
    return found + ([Path(on_path).parent] if on_path else [])


def _has_server_programs(folder: Path) -> bool:
    return all(os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres"))


def _version_key(folder: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/15/bin -> (15,); folders without a version number sort first.
    digits = folder.parent.name.split(".")
    return tuple(int(part) for part in digits) if all(p.isdigit() for p in digits) else ()


def _hand_over(directory: Path, runner: pwd.struct_passwd | None) -> None:
    """Give the temporary folder to the server's user, who must write its data there."""
    if runner is not None:
        os.chown(directory, runner.pw_uid, runner.pw_gid)


def _run(command: list[str], runner: pwd.struct_passwd | None, cwd: Path) -> None:
    """Run a server program as the server's user; a failure carries the program's output."""
    prefix = ["runuser", "-u", runner.pw_name, "--"] if runner else []
    result = subprocess.run(prefix + command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise PostgresStartError(f"{' '.join(command)} failed ({result.returncode}): {output}")


def _init_cluster(binaries: Path, data: Path, runner: pwd.struct_passwd | None) -> None:
    # UTF8 because plans are Vietnamese; --no-locale (C collation) sorts like SQLite does.
    command = [str(binaries / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
               "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"]
    _run(command, runner, data.parent)


def _configure(directory: Path, port: int, overrides: dict[str, str]) -> None:
    """Write this run's port and the fast settings; the last value in the file wins."""
    settings = FAST_SETTINGS | overrides | {"port": str(port), "unix_socket_directories": f"'{directory}'"}
    lines = "".join(f"{key} = {value}\n" for key, value in settings.items())
    with open(directory / "data" / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write("\n# cadence test server\n" + lines)


def _start_on_free_port(
    binaries: Path, directory: Path, runner: pwd.struct_passwd | None, settings: dict[str, str]
) -> PostgresServer:
    """Start on a port that was free a moment ago; if another process took it, try another."""
    for attempt in range(1, PORT_ATTEMPTS + 1):
        port = _free_port()
        _configure(directory, port, settings)
        if _start(binaries, directory, runner, last_attempt=attempt == PORT_ATTEMPTS):
            return PostgresServer(host="127.0.0.1", port=port, user=SUPERUSER, directory=directory)
    raise AssertionError("unreachable: the last attempt raises instead of returning False")


def _start(
    binaries: Path, directory: Path, runner: pwd.struct_passwd | None, *, last_attempt: bool
) -> bool:
    """True once the server accepts connections; False if the port was taken meanwhile."""
    log = directory / "server.log"
    try:
        _run(_pg_ctl(binaries, directory, "start", "-l", str(log), "-t", "60"), runner, directory)
        return True
    except PostgresStartError as error:
        tail = _log_tail(log)
        if "already in use" in tail and not last_attempt:
            return False
        raise PostgresStartError(f"{error}\nserver log ({log}):\n{tail}") from None


def _stop(binaries: Path, directory: Path, runner: pwd.struct_passwd | None) -> None:
    # "fast" ends open client sessions instead of waiting for them.
    _run(_pg_ctl(binaries, directory, "stop", "-m", "fast"), runner, directory)


def _pg_ctl(binaries: Path, directory: Path, action: str, *options: str) -> list[str]:
    return [str(binaries / "pg_ctl"), action, "-D", str(directory / "data"), "-w", *options]


def _free_port() -> int:
    # PostgreSQL cannot listen on port 0, so ask the kernel for a free port and hand it over.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _log_tail(log: Path, lines: int = 20) -> str:
    if not log.exists():
        return "(no server log)"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
