"""A redis-server of a test's or a benchmark's own on a free port, nothing saved to disk, which it may kill and
start again; never the shared one on 6379."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import redis


class PrivateRedis:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        assert self.binary, "redis-server is needed (Debian package redis-server)"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(200):
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not listen on {self.port}")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def keys(self) -> int:
        return redis.Redis(port=self.port).dbsize()

    def __enter__(self) -> PrivateRedis:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.kill()
