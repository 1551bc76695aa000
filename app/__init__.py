"""NK Desk core: domain, storage and services. Never imports Qt or the ui package."""

__version__ = "0.1.0"
