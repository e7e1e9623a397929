"""A PostgreSQL server of the run's own, in a temporary folder on a free port, so a fault
run can stop and start it without touching any other database on the machine."""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from harness import free_port


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise SystemExit("PostgreSQL's server programs are needed (Debian: postgresql)")
    return Path(found[-1]).parent


@dataclass
class PrivatePostgres:
    folder: Path
    port: int
    bin: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/portal"

    def _run(self, *args: str) -> None:
        # The server refuses to run as root, so it runs as the postgres account.
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-w", "-l",
                  str(self.folder / "server.log"), "-o",
                  f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-w", "-m", "fast", "stop")


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    if os.geteuid() == 0:  # the server runs as the postgres account and owns its folder
        shutil.chown(folder, "postgres", "postgres")
    server = PrivatePostgres(folder, free_port(), _binaries())
    try:
        server._run("initdb", "-D", str(folder / "data"), "-U", "postgres", "--auth=trust",
                    "--no-sync")
        server.start()
        for _ in range(50):
            try:
                subprocess.run([str(server.bin / "pg_isready"), "-h", "127.0.0.1", "-p",
                                str(server.port)], check=True, capture_output=True)
                break
            except subprocess.CalledProcessError:
                time.sleep(0.1)
        subprocess.run([str(server.bin / "createdb"), "-h", "127.0.0.1", "-p",
                        str(server.port), "-U", "postgres", "portal"], check=True)
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
