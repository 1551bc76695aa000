"""Answering yes/no questions in widget tests without a modal box.

The widgets ask through ui.widgets.confirm, which looks QMessageBox.question up at call
time, so replacing it on the class answers every question the widgets ask.
"""

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pytest
from PySide6.QtWidgets import QMessageBox


class Asked(NamedTuple):
    text: str
    default: Any


@dataclass
class Questions:
    """What the widgets asked so far, and the answer they get next (a test may change it)."""

    answer: QMessageBox.StandardButton
    asked: list[Asked] = field(default_factory=list)


def answer_questions(
    monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton
) -> Questions:
    """Stand in for QMessageBox.question for the rest of the test."""
    questions = Questions(answer)

    def question(
        _parent: Any, _title: str, text: str, _buttons: Any = None, default: Any = None
    ) -> Any:
        questions.asked.append(Asked(text, default))
        return questions.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return questions


@dataclass
class SaveQuestions:
    """The „Zapisać zmiany?” questions asked so far and the button pressed next."""

    answer: str
    asked: list[str] = field(default_factory=list)


SAVE, DISCARD, CANCEL = "&Tak, zapisz", "&Nie zapisuj", "Anuluj"


def press_button(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def answer_save_questions(monkeypatch: pytest.MonkeyPatch, answer: str) -> SaveQuestions:
    """Press the button labelled `answer` in every „Zapisać zmiany?” box for the test."""
    import ui.unsaved

    questions = SaveQuestions(answer)

    def press(box: QMessageBox) -> None:
        questions.asked.append(box.text() + " " + box.informativeText())
        press_button(box, questions.answer)

    monkeypatch.setattr(ui.unsaved, "_run_box", press)
    return questions
