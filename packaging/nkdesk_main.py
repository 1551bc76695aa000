"""Entry point of the frozen program: the same `nkdesk` command the package installs."""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
