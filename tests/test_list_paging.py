"""Lists at scale: searched, sorted and paged in SQL, yet exactly what a plain scan gives."""

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain.enums import ProcedureStatus, Role
from app.domain.text import fold, polish_sort_text
from app.services import procedures
from app.services.course_facts import next_due_of
from app.services.procedures import SORT_KEYS, ProcedureQuery, ProcedureService
from app.services.records import Page, ProcedureRow
from app.services.register import Register
from app.services.vault import DataFolder
from app.storage.db import Database
from app.storage.models import Participation, Procedure
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support import bulk
from tests.support.clock import CLOCK, ctx
from ui.context import AppContext
from ui.operations import LatestOnly
from ui.paged_model import PAGE_SIZE
from ui.procedures_view import ProceduresView
from ui.tasks import TaskRunner

PROCEDURES = 1200


@pytest.fixture(scope="module")
def big_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A password-only register of PROCEDURES procedures, built once for this module."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    path = tmp_path_factory.mktemp("duzy") / "dane"
    folder = DataFolder(path, kdf=FAST_KDF)
    folder.acquire()
    try:
        created = folder.create(PASSWORD, TEST_SETTINGS)
        bulk.fill(ctx(created.database), PROCEDURES)
        created.database.close()
    finally:
        folder.release()
        keyring.set_keyring(previous)
    return path


@pytest.fixture
def big_db(big_register: Path) -> Any:
    folder = DataFolder(big_register, kdf=FAST_KDF)
    folder.acquire()
    db = folder.unlock(PASSWORD)
    yield db
    db.close()
    folder.release()


@dataclass(frozen=True)
class _Plain:
    """What a plain scan needs of one procedure, read once from the tables."""

    id: int
    number: str
    year: int
    seq: int
    started_on: dt.date
    status: str
    deleted: bool
    haystack: str
    victims: str
    perpetrators: str
    nka_count: int
    next_due_on: dt.date | None


@pytest.fixture(scope="module")
def plain(big_register: Path) -> list[_Plain]:
    folder = DataFolder(big_register, kdf=FAST_KDF)
    folder.acquire()
    db = folder.unlock(PASSWORD)
    try:
        with db.read_session() as session:
            procedures = session.scalars(
                select(Procedure).options(
                    selectinload(Procedure.participations).selectinload(Participation.person),
                    selectinload(Procedure.nka_records),
                    selectinload(Procedure.events),
                    selectinload(Procedure.deadline_notes),
                )
            ).all()
            return [
                _Plain(
                    p.id,
                    p.number,
                    p.year,
                    p.seq,
                    p.started_on,
                    p.status,
                    p.deleted_at is not None,
                    fold(
                        " ".join(
                            [p.number]
                            + [
                                f"{x.person.first_name} {x.person.last_name}"
                                for x in p.participations
                            ]
                        )
                    ),
                    _names(p, Role.VICTIM),
                    _names(p, Role.PERPETRATOR),
                    len(p.nka_records),
                    None if p.deleted_at is not None else next_due_of(p),
                )
                for p in procedures
            ]
    finally:
        db.close()
        folder.release()


def _scan(plain: list[_Plain], query: ProcedureQuery) -> list[int]:
    """The expected list, worked out in Python from every procedure."""
    terms = fold(query.text).split()
    kept = [
        p
        for p in plain
        if not p.deleted
        and (query.status is None or p.status == query.status)
        and (query.year is None or p.year == query.year)
        and all(term in p.haystack for term in terms)
    ]

    def key(p: _Plain) -> tuple[Any, ...]:
        first = {
            "number": (),
            "started_on": (p.started_on,),
            "status": (p.status,),
            "victims": (polish_sort_text(p.victims),),
            "perpetrators": (polish_sort_text(p.perpetrators),),
            "nka_count": (p.nka_count,),
            # No deadline sorts after every date, whichever way the list runs.
            "next_due_on": (p.next_due_on or dt.date(9999, 12, 31),),
        }[query.sort]
        return (*first, p.year, p.seq)

    return [p.id for p in sorted(kept, key=key, reverse=query.descending)]


def _full_name(part: Participation) -> str:
    return f"{part.person.first_name} {part.person.last_name}"


def _names(procedure: Procedure, role: Role) -> str:
    return ", ".join(
        f"{part.person.last_name} {part.person.first_name}"
        for part in procedure.participations
        if part.role == role
    )


def _paged(service: ProcedureService, query: ProcedureQuery, size: int) -> list[ProcedureRow]:
    rows: list[ProcedureRow] = []
    for offset in itertools.count(0, size):
        page = service.page(query, offset, size)
        rows += page.rows
        if len(page.rows) < size:
            return rows
    raise AssertionError("unreachable")


@pytest.mark.parametrize("sort", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("walk_above", [2000, 10], ids=["one-pass", "index-walk"])
def test_every_sort_pages_like_a_plain_scan(
    big_db: Database,
    plain: list[_Plain],
    sort: str,
    descending: bool,
    walk_above: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both plans of a search — one pass for few matches, the index walk for many."""
    monkeypatch.setattr(procedures, "_SCATTERED_MATCHES", walk_above)
    service = ProcedureService(ctx(big_db))
    for text in ("", "łu", "LU", "zajac", "śliwa anna", "NK/1"):
        query = ProcedureQuery(text=text, sort=sort, descending=descending)
        paged = _paged(service, query, 97)
        assert [row.id for row in paged] == _scan(plain, query), (text, sort, descending)
        assert service.page(query, 0, 5).total == len(paged)


def test_filters_page_like_a_plain_scan(big_db: Database, plain: list[_Plain]) -> None:
    service = ProcedureService(ctx(big_db))
    expected_rows = {p.id: (p.victims, p.perpetrators, p.nka_count) for p in plain}
    filters = [(ProcedureStatus.CLOSED, None), (None, 2020), (ProcedureStatus.IN_PROGRESS, 2026)]
    for status, year in filters:
        query = ProcedureQuery(text="a", status=status, year=year, sort="victims")
        rows = _paged(service, query, 50)
        assert [r.id for r in rows] == _scan(plain, query)
        for row in rows:
            assert (row.victims, row.perpetrators, row.nka_count) == expected_rows[row.id]


def test_names_sort_in_polish_order_with_l_before_l_stroke(db: Database) -> None:
    from app.services.participants import ParticipantService
    from app.services.records import ParticipantData, PersonData

    procedures, people = ProcedureService(ctx(db)), ParticipantService(ctx(db))
    for surname in ("Łoś", "Lis", "Zych", "Śmiała", "Sowa", "Lubicz", "Żak"):
        procedure_id = procedures.create(dt.date(2026, 3, 2)).record_id
        assert procedure_id is not None
        people.save(procedure_id, ParticipantData(PersonData("Ewa", surname), Role.VICTIM))
    rows = procedures.page(ProcedureQuery(sort="victims", descending=False), 0, 3).rows
    assert [r.victims for r in rows] == ["Lis Ewa", "Lubicz Ewa", "Łoś Ewa"]
    every = procedures.list(ProcedureQuery(sort="victims", descending=False))
    assert [r.victims.split()[0] for r in every] == [
        "Lis",
        "Lubicz",
        "Łoś",
        "Sowa",
        "Śmiała",
        "Zych",
        "Żak",
    ]


def test_procedures_view_loads_only_its_first_page_then_more_on_scroll(
    qtbot: QtBot, big_db: Database, plain: list[_Plain]
) -> None:
    TaskRunner.synchronous = True
    try:
        folder = DataFolder(Path(big_db.path).parent)
        view = ProceduresView(AppContext(folder, Register(big_db, CLOCK), TaskRunner()))
        qtbot.addWidget(view)
        view.show()
        newest_first = _scan(plain, ProcedureQuery())
        assert view.model.rowCount() == PAGE_SIZE < len(newest_first)
        assert view.count_label.text() == f"Procedury: {len(newest_first)}"
        assert [r.id for r in view.model.rows()] == newest_first[:PAGE_SIZE]

        view.table.scrollToBottom()
        qtbot.waitUntil(lambda: view.model.rowCount() > PAGE_SIZE, timeout=2000)
        assert [r.id for r in view.model.rows()] == newest_first[: 2 * PAGE_SIZE]

        view.search_edit.setText("zając")
        view.reload()
        found = _scan(plain, ProcedureQuery(text="zając"))
        assert view.count_label.text() == f"Procedury: {len(found)}"
        assert [r.id for r in view.model.rows()] == found[:PAGE_SIZE]

        view.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        by_victims = _scan(plain, ProcedureQuery(text="zając", sort="victims", descending=False))
        assert [r.id for r in view.model.rows()] == by_victims[:PAGE_SIZE]
    finally:
        TaskRunner.synchronous = False


def test_a_search_overtaken_by_the_next_keystroke_is_dropped() -> None:
    shown: list[str] = []
    latest = LatestOnly()
    first = latest.wrap(shown.append)
    second = latest.wrap(shown.append)
    second("kow")
    first("k")  # the slower, older search answers last
    assert shown == ["kow"]


def test_a_page_of_a_replaced_query_is_not_appended(qtbot: QtBot) -> None:
    from ui.paged_model import PagedTableModel
    from ui.table_model import Column

    pending: list[Any] = []
    model: PagedTableModel[int] = PagedTableModel([Column("n", lambda r: r)], lambda *_: None, 2)
    model.show(Page((1, 2), 0, 6), lambda offset, limit, deliver: pending.append(deliver))
    model.fetchMore()
    model.show(Page((7, 8), 0, 4), lambda offset, limit, deliver: pending.append(deliver))
    pending[0](Page((3, 4), 2, 6))
    assert model.rows() == [7, 8]
    model.fetchMore()
    pending[1](Page((9,), 2, 4))
    assert model.rows() == [7, 8, 9]
    assert not model.canFetchMore()


def test_the_search_index_follows_renames_and_deletions(db: Database) -> None:
    from app.services.participants import ParticipantService
    from app.services.records import ParticipantData, PersonData
    from app.storage import search_index

    procedures, people = ProcedureService(ctx(db)), ParticipantService(ctx(db))
    procedure_id = procedures.create(dt.date(2026, 3, 2)).record_id
    assert procedure_id is not None
    saved = people.save(procedure_id, ParticipantData(PersonData("Ewa", "Wiśniewska"), Role.VICTIM))

    def found(text: str) -> list[int]:
        return [row.id for row in procedures.list(ProcedureQuery(text=text))]

    assert found("wisniewska") == [procedure_id]
    people.save(
        procedure_id,
        ParticipantData(PersonData("Ewa", "Żurawska"), Role.VICTIM),
        participation_id=saved.record_id,
    )
    assert found("wisniewska") == []
    assert found("zurawska ewa") == [procedure_id]
    with db.session() as session:
        session.delete(session.get(Procedure, procedure_id))
    with db.read_session() as session:
        assert session.scalars(search_index.matching_ids(["zurawska"])).all() == []
