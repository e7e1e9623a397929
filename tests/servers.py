"""Starting the real `portal serve` (gunicorn) for a test, and reading its JSON log lines."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
PORTAL = Path(sys.executable).with_name("portal")
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
# Generous: on a busy machine the workers can take a while to load the app.
DEADLINE_SECONDS = 120.0


def portal_environment(database_url: str, instance: Path, **settings: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "INSTANCE_PATH": str(instance),
            "SEARCH_INDEX_PATH": str(instance / "search"), "SECRET_KEY": "test-secret-key",
            "UPLOAD_PATH": str(instance / "uploads"), **settings}


def wait_for(condition: Callable[[], Any], what: str,
             deadline: float = DEADLINE_SECONDS) -> Any:
    """Poll until `condition` gives something true, or fail saying what never happened."""
    give_up = time.monotonic() + deadline
    delay = 0.02
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > give_up:
            raise AssertionError(f"gave up after {deadline:.0f}s waiting for {what}")
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


class Server:
    """`portal serve` on a free port, its log lines collected as they are written."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.lines: list[dict[str, Any]] = []
        self.other_output: list[str] = []
        self._lock = threading.Lock()
        self.process = subprocess.Popen(
            [str(PORTAL), "serve"], cwd=PROJECT, env={**environment,
                                                       "WEB_BIND": "127.0.0.1:0"},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            self.port = int(wait_for(self._port, "gunicorn to listen"))
            wait_for(lambda: self._answers("/healthz"), "the portal to answer")
        except BaseException:
            self.stop()
            raise
        self.url = f"http://127.0.0.1:{self.port}"

    def _read(self) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            try:
                line = json.loads(raw)
            except ValueError:
                with self._lock:
                    self.other_output.append(raw)
                continue
            with self._lock:
                self.lines.append(line)

    def logged(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.lines)

    def _port(self) -> str | None:
        if self.process.poll() is not None:
            raise AssertionError(f"portal serve stopped: {self.logged()} {self.other_output}")
        for line in self.logged():
            match = LISTENING.search(line.get("message", ""))
            if match:
                return match.group(1)
        return None

    def _answers(self, path: str) -> bool:
        try:
            with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}{path}", timeout=5):
                return True
        except OSError:  # refused, reset, or no worker free yet to answer in time
            return False

    def get(self, path: str, headers: dict[str, str] | None = None,
            data: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
        # Always http://127.0.0.1, built above: no other scheme can reach urlopen.
        wanted = urllib.request.Request(self.url + path, headers=headers or {},  # noqa: S310
                                        data=data)
        try:
            with urllib.request.urlopen(wanted, timeout=30) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def worker_pids(self) -> set[int]:
        return {line["pid"] for line in self.logged()
                if line.get("message", "").startswith("Booting worker")}

    def served_by(self, request_id: str) -> int | None:
        for line in self.logged():
            if line.get("logger") == "portal.requests" and line.get("request_id") == request_id:
                return int(line["pid"])
        return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        if self.process.stderr is not None:
            self.process.stderr.close()
