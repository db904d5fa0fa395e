"""The media gateway: video reaches a terminal only through the centre, per view (issue 13).

``routes.py`` (plain rules: which node serves a camera, each view's URL and credentials),
``process.py`` (starts a node: ``gateway_server.py`` under the system python with
gst-rtsp-server). The centre's side of the link the node asks is console/server/gateway_link.py.
"""
