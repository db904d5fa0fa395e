"""Administration of units, users, terminals, bindings and policy (installer CLI and,
later, the administrator dialogs), checked and audited in the service layer."""
