"""F1 „Kroki i terminy”: written from the rule data, so it says what the engine computes."""

import re
from html import unescape

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain import deadline_guide
from app.domain.deadline_rules import all_rules
from tests.support.clock import TODAY
from tests.test_help import f1, shown_guide  # noqa: F401 - the F1 fixture and its window
from ui.context import AppContext
from ui.help_window import contents, guide_text
from ui.procedure_window import ProcedureWindow


def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_every_rule_appears_with_its_deadline_basis_and_confidence() -> None:
    page = plain(guide_text())
    for rule in all_rules():
        for text in (
            rule.title,
            rule.action,
            deadline_guide.limit_text(rule),
            rule.basis_full,
            rule.confidence_note,
        ):
            assert plain(text) in page, (rule.step, text)
    assert "najpóźniej 5 dni roboczych, niezwłocznie" in page
    assert "najpóźniej 7 dni, niezwłocznie" in page, "the archive rule in calendar days"
    assert deadline_guide.MARKER not in guide_text()


@pytest.mark.usefixtures("f1")
def test_the_section_is_in_the_contents_and_f1_on_the_overview_opens_it(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    anchors = [heading.anchor for heading in contents()]
    assert anchors.index("terminy") < anchors.index("terminy-kroki")
    assert anchors.index("terminy-kroki") < anchors.index("terminy-archiwalne")
    created = ui_context.register.procedures.create(TODAY).record_id
    assert created is not None
    window = ProcedureWindow(ui_context, created)
    qtbot.addWidget(window)
    window.show()
    assert window.tabs.currentWidget() is window.overview_tab

    qtbot.keyClick(window.overview_tab.deadlines_table, Qt.Key.Key_F1)

    guide = shown_guide()
    assert guide.current_topic() == "terminy"
    assert "Kroki od 28.09.2023" in guide.browser.toPlainText()
