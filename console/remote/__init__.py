"""The terminal's side of the centre: the services the views call, implemented by calls to
the centre's API (console/server). Nothing here touches a database or a camera secret."""
