"""Demo register: three years of a fictional gmina's procedures, for training and screenshots."""

from app.services.demo.gmina import DEMO_NOTICE, DEMO_PASSWORD, DEMO_SETTINGS
from app.services.demo.writer import (
    DemoSummary,
    ProgressCallback,
    create_demo_folder,
    populate_demo,
)

__all__ = [
    "DEMO_NOTICE",
    "DEMO_PASSWORD",
    "DEMO_SETTINGS",
    "DemoSummary",
    "ProgressCallback",
    "create_demo_folder",
    "populate_demo",
]
