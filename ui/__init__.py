"""Qt user interface: thin windows and dialogs over app.services."""
