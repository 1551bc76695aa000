"""Test helpers: keyring backends that never touch the machine's credential store."""
