"""Child process: run the real command line, then write this process's peak memory.

    python -m bench.cli_peak PEAK_FILE NKDESK-CLI-ARGUMENTS…

Does what the `nkdesk-cli` entry point does (`app.cli:main`), so the figure is the
command's own; the peak (MB, or `-`) goes to PEAK_FILE, not to the command's output.
"""

import sys
from pathlib import Path

from app import cli
from bench.memory import peak_rss_mb


def main(argv: list[str]) -> int:
    peak_file, cli_args = Path(argv[0]), argv[1:]
    code = cli.main(cli_args)
    peak = peak_rss_mb()
    peak_file.write_text("-" if peak is None else f"{peak:.1f}", encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
