"""Fictional data: the demo register of a made-up gmina, and registers of any size.

The demo (three years, written through the services) is for training and screenshots;
the generator (ten years, tens of thousands of procedures, written in batches) is for
trying the program at the scale of a large office. Both draw from the same vocabulary.
"""

from app.sample_data.generator import (
    DEFAULT_SEED,
    MAX_PROCEDURES,
    GeneratedSummary,
    check_count,
    generate_register,
)
from app.sample_data.gmina import DEMO_NOTICE, DEMO_PASSWORD, DEMO_SETTINGS
from app.sample_data.writer import (
    DemoSummary,
    ProgressCallback,
    create_demo_folder,
    populate_demo,
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_NOTICE",
    "DEMO_PASSWORD",
    "DEMO_SETTINGS",
    "MAX_PROCEDURES",
    "DemoSummary",
    "GeneratedSummary",
    "ProgressCallback",
    "check_count",
    "create_demo_folder",
    "generate_register",
    "populate_demo",
]
