"""How a child tells the bench what it measured: one line `TAG value` on its output.

Kept free of imports, so the lightest probe pays nothing for it.
"""

PAINTED = "PAINTED"  # the moment (time.perf_counter()) a window's first paint ended
RESULT = "RESULT"  # a GUI session's figures, as JSON
# The CLI's password variable (app.cli.PASSWORD_ENV): a GUI session reads the password it
# types from there, as the GUI itself never does.
PASSWORD_VARIABLE = "NKDESK_PASSWORD"


class BenchError(Exception):
    """A child failed or answered something the bench cannot read."""


def reported(stdout: str, tag: str) -> str:
    """The text after `TAG ` on the child's report line."""
    for line in stdout.splitlines():
        if line.startswith(tag + " "):
            return line[len(tag) + 1 :]
    raise BenchError(f"the child reported no {tag} line:\n{stdout}")
