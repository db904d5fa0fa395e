"""The API's endpoints by area. Each handler is thin: the caller gate (console/server/deps.py),
then one service call that checks the right, acts and audits in one transaction."""
