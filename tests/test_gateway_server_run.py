"""`main.py server run` on a data directory whose server.toml names this instance's gateway
node runs that node: it listens on the node's port and answers a view's address without its
credentials with a challenge."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from subprocess import Popen

import pytest

from console.demo.rtsp_spec import free_port
from console.server.data_dir import DataDir
from tests.support.rtsp_client import RtspReader
from tests.test_server_cli import _main, _run_server


@pytest.fixture
def served() -> Iterator[list[Popen[bytes]]]:
    processes: list[Popen[bytes]] = []
    yield processes
    for process in processes:
        process.terminate()
        process.wait(30)


def test_server_run_hosts_its_gateway_node(tmp_path: Path, served: list[Popen[bytes]]) -> None:
    data = tmp_path / "centre"
    init = _main("server", "init", "--database-url", f"sqlite:///{tmp_path / 'c.db'}",
                 "--data-dir", str(data), "--name", "127.0.0.1")
    assert init.returncode == 0, init.stderr
    port = free_port()
    directory = DataDir(data)
    directory.write_config(dataclasses.replace(
        directory.read_config(), gateway_nodes=(f"gw1=127.0.0.1:{port}",
                                                "gw2=10.255.0.2:8600"),
        gateway_node="gw1", gateway_address="127.0.0.1"))
    _run_server(data, tmp_path, served)
    reader = RtspReader(f"rtsp://127.0.0.1:{port}/v/abc/c/1/sub").open()
    assert reader.status == 401         # a node, asking for the view's credentials
    reader.close()
