"""Data files shipped with the program (schemas, fonts, icons, helpline lists)."""

import sys
from pathlib import Path

RESOURCES_DIR = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent)) / "resources"
