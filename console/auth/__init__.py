"""Login bound to the dedicated terminal, sessions, password rules and the idle lock."""
