"""The one way a window reaches the register: a read query or a write, off the GUI thread.

`query` runs a read on the task runner's worker and hands the result back on the GUI
thread. `write` does the same for a change and publishes the change notice itself, so no
caller can forget to. Errors go to the one presenter (`ui.errors.show_error`), unless the
caller shows expected errors (`UserError`) itself — inline, next to the field.
"""

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from app.errors import UserError
from app.services.changes import Changes
from app.services.register import Register
from ui.errors import show_error
from ui.tasks import TaskRunner

T = TypeVar("T")
UserErrorHandler = Callable[[UserError], None]


class Reported(Protocol):
    """A write's result that carries its change notice along with other news."""

    @property
    def changes(self) -> Changes: ...


W = TypeVar("W", bound=Changes | Reported)


class Operations:
    def __init__(
        self, register: Register, tasks: TaskRunner, publish: Callable[[Changes], None]
    ) -> None:
        self._register, self._tasks, self._publish = register, tasks, publish

    def query(
        self,
        parent: QWidget,
        work: Callable[[Register], T],
        on_done: Callable[[T], None],
        *,
        on_user_error: UserErrorHandler | None = None,
        on_failed: Callable[[], None] | None = None,
        progress: str | None = None,
    ) -> None:
        """Read with `work(register)` off the GUI thread, then `on_done(result)` on it.

        `on_failed` runs first on any failure (e.g. to enable buttons again).
        """
        self._tasks.run(
            lambda: work(self._register),
            on_done,
            lambda exc: _present(parent, exc, on_user_error, on_failed),
            progress,
            parent,
        )

    def write(
        self,
        parent: QWidget,
        work: Callable[[Register], W],
        on_done: Callable[[W], None] | None = None,
        *,
        on_user_error: UserErrorHandler | None = None,
        on_failed: Callable[[], None] | None = None,
        progress: str | None = None,
    ) -> None:
        """Change the register with `work(register)`; `on_done`, then its notice is published."""

        def finished(result: W) -> None:
            if on_done is not None:
                on_done(result)
            self._publish(result if isinstance(result, Changes) else result.changes)

        self._tasks.run(
            lambda: work(self._register),
            finished,
            lambda exc: _present(parent, exc, on_user_error, on_failed),
            progress,
            parent,
        )


class LatestOnly:
    """Delivers only the newest of overlapping requests: an overtaken search is dropped.

    Each `wrap` hands out a callback; once a newer one has been handed out, the older
    callbacks do nothing, so results arriving late never replace newer ones.
    """

    def __init__(self) -> None:
        self._generation = 0

    def wrap(self, deliver: Callable[[T], None]) -> Callable[[T], None]:
        self._generation += 1
        mine = self._generation

        def maybe_deliver(result: T) -> None:
            if mine == self._generation:
                deliver(result)

        return maybe_deliver


def _present(
    parent: QWidget,
    exc: BaseException,
    on_user_error: UserErrorHandler | None,
    on_failed: Callable[[], None] | None,
) -> None:
    if on_failed is not None:
        on_failed()
    if on_user_error is not None and isinstance(exc, UserError):
        on_user_error(exc)
    else:
        show_error(parent, exc)
