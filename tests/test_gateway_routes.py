"""Which gateway node relays a camera and the credentials of a view (console/gateway/routes.py),
and the gateway settings of server.toml."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from console.gateway.routes import GatewayNode, GatewayRoutes, choose_node
from console.server.data_dir import DataDir, DataDirError, ServerConfig

NODES = tuple(GatewayNode(f"gw{i}", f"10.20.0.{10 + i}", 8600) for i in range(4))


def test_every_viewer_of_a_camera_goes_to_one_node_and_cameras_spread() -> None:
    counts = Counter(choose_node(NODES, camera).name for camera in range(1, 20_001))
    assert set(counts) == {n.name for n in NODES}
    assert min(counts.values()) > 0.9 * 20_000 / len(NODES)
    assert all(choose_node(NODES, 77) == choose_node(NODES, 77) for _ in range(3))
    # a node removed: only its cameras move
    fewer = NODES[:3]
    moved = [c for c in range(1, 5001) if choose_node(NODES, c).name != "gw3"
             and choose_node(fewer, c) != choose_node(NODES, c)]
    assert moved == []


def test_view_credentials_are_bound_to_view_session_address_camera_and_stream() -> None:
    routes = GatewayRoutes(NODES, b"k" * 32)
    token = routes.token("v1", "s1", "10.20.0.42", 7, "sub")
    assert routes.verify(token, "v1", "s1", "10.20.0.42", 7, "sub")
    for other in [("v2", "s1", "10.20.0.42", 7, "sub"), ("v1", "s2", "10.20.0.42", 7, "sub"),
                  ("v1", "s1", "10.20.0.43", 7, "sub"), ("v1", "s1", "10.20.0.42", 8, "sub"),
                  ("v1", "s1", "10.20.0.42", 7, "main")]:
        assert not routes.verify(token, *other)
    assert not GatewayRoutes(NODES, b"x" * 32).verify(token, "v1", "s1", "10.20.0.42", 7,
                                                      "sub")
    address = routes.address("v1", "s1", "10.20.0.42", 7, "sub")
    node = choose_node(NODES, 7)
    assert address.url == f"rtsp://v1:{token}@{node.host}:8600/v/v1/c/7/sub"
    assert address.display_url == f"rtsp://{node.host}:8600/v/v1/c/7/sub"


def test_server_toml_names_the_nodes_and_refuses_bad_ones(tmp_path: Path) -> None:
    data = DataDir(tmp_path)
    data.make()
    config = ServerConfig("sqlite:///x.db", ("127.0.0.1",), "中心",
                          gateway_nodes=("gw1=10.20.0.11:8600", "gw2=10.20.0.12:8600"),
                          gateway_node="gw2", gateway_keyframe_cache=True)
    data.write_config(config)
    read = data.read_config()
    assert read == config
    assert read.hosted_node() == GatewayNode("gw2", "10.20.0.12", 8600)
    assert len(read.nodes()) == 2
    direct = ServerConfig("sqlite:///x.db", ("127.0.0.1",), "中心",
                          gateway_nodes=("gw1=10.20.0.11:8600",), direct_camera_streams=True)
    data.write_config(direct)
    assert data.read_config().nodes() == ()
    for bad in ('gateway_nodes = ["gw1 10.20.0.11"]', 'gateway_nodes = ["gw1=h:99999"]',
                'gateway_node = "gw9"', "gateway_nodes = 3",
                'gateway_nodes = ["gw1=h:8600", "gw1=i:8600"]'):
        data.config.write_text('database_url = "sqlite:///x.db"\n' + bad + "\n",
                               encoding="utf-8")
        with pytest.raises(DataDirError):
            data.read_config()


def test_weights_share_the_cameras_and_equal_weights_keep_the_old_choice() -> None:
    import hashlib

    plain = [max(NODES, key=lambda n: hashlib.sha256(f"{n.name}|{c}".encode()).digest())
             for c in range(1, 2001)]
    assert [choose_node(NODES, c) for c in range(1, 2001)] == plain
    heavy = (GatewayNode.parse("gw0=10.20.0.10:8600*2"), *NODES[1:])
    assert heavy[0].weight == 2.0 and str(heavy[0]) == "gw0=10.20.0.10:8600*2"
    counts = Counter(choose_node(heavy, c).name for c in range(1, 20_001))
    assert 0.36 < counts["gw0"] / 20_000 < 0.44          # 2 / 5 of the cameras
    for bad in ("gw1=h:8600*0", "gw1=h:8600*", "gw1=h:8600*-1"):
        with pytest.raises(ValueError):
            GatewayNode.parse(bad)


def test_server_toml_takes_a_node_s_weight(tmp_path: Path) -> None:
    data = DataDir(tmp_path)
    data.make()
    data.write_config(ServerConfig("sqlite:///x.db", ("127.0.0.1",), "中心",
                                   gateway_nodes=("gw1=10.20.0.11:8600",
                                                  "gw2=10.20.0.12:8600*2.5")))
    assert [n.weight for n in data.read_config().nodes()] == [1.0, 2.5]
    with pytest.raises(ValueError):
        GatewayRoutes((NODES[0], NODES[0]), b"k" * 32)        # one name twice


def test_a_dead_node_s_cameras_go_to_the_next_node_and_come_back() -> None:
    alive = {n.name for n in NODES}
    routes = GatewayRoutes(NODES, b"k" * 32, lambda: alive)
    before = {c: routes.node_for(c).name for c in range(1, 2001)}
    alive.discard("gw2")
    after = {c: routes.node_for(c).name for c in range(1, 2001)}
    assert "gw2" not in after.values()
    # only gw2's cameras moved, each to its second choice
    for camera, node in before.items():
        if node != "gw2":
            assert after[camera] == node
        else:
            rest = tuple(n for n in NODES if n.name != "gw2")
            assert after[camera] == choose_node(rest, camera).name
    # a view's credentials name its node: valid there, not at the dead node's replacement
    camera = next(c for c, n in before.items() if n == "gw2")
    moved = routes.address("v1", "s1", "10.20.0.42", camera, "sub")
    token = moved.url.split(":")[2].split("@")[0]
    assert routes.verify(token, "v1", "s1", "10.20.0.42", camera, "sub", after[camera])
    assert not routes.verify(token, "v1", "s1", "10.20.0.42", camera, "sub", "gw2")
    assert not routes.verify(token, "v1", "s1", "10.20.0.42", camera, "sub", "gw9")
    alive.add("gw2")
    assert routes.node_for(camera).name == "gw2"
    alive.clear()                     # nothing alive: the plain choice (the view fails there)
    assert routes.node_for(camera).name == "gw2"
