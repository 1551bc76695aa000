"""The institutions directory at scale: searched, sorted and paged in SQL, yet exactly
what a plain scan of every institution gives, in Polish order (Ł after L, Ś after S)."""

import itertools
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain.enums import InstitutionType
from app.domain.text import fold, polish_sort_key, polish_sort_text
from app.services import list_keys
from app.services.institutions import SORT_KEYS, InstitutionQuery, InstitutionService
from app.services.records import InstitutionRow
from app.services.register import Register
from app.services.vault import DataFolder
from app.storage.db import Database
from app.storage.models import ContactPerson, Institution
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.clock import CLOCK, ctx
from ui.context import AppContext
from ui.institutions_view import InstitutionsView, count_text
from ui.paged_model import PAGE_SIZE
from ui.tasks import TaskRunner

INSTITUTIONS = 430

KINDS = ("Komisariat Policji", "Szkoła Podstawowa", "Sąd Rejonowy", "Żłobek", "Zespół Szkół")
KINDS += ("Ośrodek Pomocy", "Lecznica", "Łaźnia", "Świetlica", "Stowarzyszenie")
PLACES = ("Łąka", "Laski", "Śrem", "Sopot", "Żory", "Zabrze", "łódź", "Lublin", "Ełk", "Elbląg")
FIRST_NAMES = ("Łucja", "Lucyna", "Anna", "Żaneta", "Zenon", "Śmiały", "Sława", "")
LAST_NAMES = ("Łoś", "Lis", "Śliwa", "Sowa", "Żak", "Zając", "")
FUNCTIONS = ("dzielnicowy", "pedagog", "kurator sądowy", "")

SEARCHES = ("", "łąka", "LAKA", "sad", "śrem szkola", "zak", "DZIELNICOWY lis", "12", "brak")


@pytest.fixture(scope="module")
def big_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A password-only register of INSTITUTIONS institutions, built once for this module."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    path = tmp_path_factory.mktemp("katalog") / "dane"
    folder = DataFolder(path, kdf=FAST_KDF)
    folder.acquire()
    try:
        created = folder.create(PASSWORD, TEST_SETTINGS)
        _fill(created.database)
        created.database.close()
    finally:
        folder.release()
        keyring.set_keyring(previous)
    return path


def _fill(db: Database, seed: int = 11) -> None:
    """Institutions written straight into the tables, with the stored keys the service uses.

    Names repeat (ties fall back to the id), cities differ in case and some fields are
    empty, so every sort meets equal values, and Polish letters are everywhere.
    """
    rng = random.Random(seed)
    kinds = list(InstitutionType)
    with ctx(db).write() as session:
        for n in range(INSTITUTIONS):
            place = rng.choice(PLACES)
            institution = Institution(
                name=f"{rng.choice(KINDS)} w {place.title()}"
                + (f" nr {rng.randint(1, 30)}" if rng.random() < 0.7 else ""),
                type=kinds[n % len(kinds)],
                street=rng.choice(("ul. Łąkowa 1", "ul. Lipowa 2", "")),
                city=rng.choice((place, place.upper(), "")),
                phone=rng.choice(("", f"48 {rng.randint(100, 999)} 12 34", "+48 500 600 700")),
                email=rng.choice(("", f"biuro{n}@example.invalid", f"Sekretariat{n}@x.invalid")),
            )
            institution.contacts = [
                ContactPerson(
                    first_name=first,
                    last_name=last or ("" if first else "Żuk"),
                    function=rng.choice(FUNCTIONS),
                    phone=rng.choice(("", "600 100 200")),
                )
                for first, last in (
                    (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
                    for _ in range(rng.randint(0, 3))
                )
            ]
            list_keys.refresh_institution(institution)
            session.add(institution)


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
    """What a plain scan needs of one institution, read once from the tables."""

    id: int
    name: str
    type: str
    city: str
    phone: str
    email: str
    haystack: str
    first_contact: str
    contacts: str


@pytest.fixture(scope="module")
def plain(big_register: Path) -> list[_Plain]:
    folder = DataFolder(big_register, kdf=FAST_KDF)
    folder.acquire()
    db = folder.unlock(PASSWORD)
    try:
        with db.read_session() as session:
            found = session.scalars(
                select(Institution).options(selectinload(Institution.contacts))
            ).all()
            return [_plain(i) for i in found]
    finally:
        db.close()
        folder.release()


def _plain(i: Institution) -> _Plain:
    people = [(c.first_name, c.last_name, c.function, c.phone) for c in i.contacts]
    searched = [i.name, i.city, i.street, i.phone, i.email, *itertools.chain(*people)]
    return _Plain(
        id=i.id,
        name=i.name,
        type=i.type,
        city=i.city,
        phone=i.phone,
        email=i.email,
        haystack=" ".join(fold(part) for part in searched),
        first_contact=" ".join(filter(None, people[0][:2])) if people else "",
        contacts="; ".join(
            " ".join(filter(None, (first, last, f"({function})" if function else "")))
            for first, last, function, _phone in people
        ),
    )


def _type_place(kind: str) -> tuple[str, str]:
    return polish_sort_key(InstitutionType(kind).label)


def _scan(plain: list[_Plain], query: InstitutionQuery) -> list[int]:
    """The expected list, worked out in Python from every institution."""
    terms = fold(query.text).split()
    kept = [
        p
        for p in plain
        if (query.type is None or p.type == query.type)
        and all(term in p.haystack for term in terms)
    ]

    def key(p: _Plain) -> tuple[Any, ...]:
        first = {
            "name": (),
            "type": (_type_place(p.type),),
            "city": (polish_sort_key(p.city),),
            "phone": (p.phone,),
            "email": (p.email,),
            "contacts": (polish_sort_key(p.first_contact),),
        }[query.sort]
        return (*first, polish_sort_text(p.name), p.id)

    return [p.id for p in sorted(kept, key=key, reverse=query.descending)]


def _paged(service: InstitutionService, query: InstitutionQuery, size: int) -> list[InstitutionRow]:
    rows: list[InstitutionRow] = []
    for offset in itertools.count(0, size):
        page = service.page(query, offset, size)
        assert page.offset == offset
        rows += page.rows
        if len(page.rows) < size:
            return rows
    raise AssertionError("unreachable")


@pytest.mark.parametrize("sort", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_pages_like_a_plain_scan(
    big_db: Database, plain: list[_Plain], sort: str, descending: bool
) -> None:
    service = InstitutionService(ctx(big_db))
    for text in SEARCHES:
        query = InstitutionQuery(text=text, sort=sort, descending=descending)
        paged = _paged(service, query, 37)
        assert [row.id for row in paged] == _scan(plain, query), (text, sort, descending)
        assert service.page(query, 0, 5).total == len(paged)


def test_searches_find_something_to_compare(plain: list[_Plain]) -> None:
    """The comparison above means little if a search finds nothing or everything."""
    for text in ("łąka", "sad", "śrem szkola", "zak", "DZIELNICOWY lis", "12"):
        found = len(_scan(plain, InstitutionQuery(text=text)))
        assert 0 < found < len(plain), text
    assert _scan(plain, InstitutionQuery(text="brak")) == []


@pytest.mark.parametrize("kind", [InstitutionType.POLICE, InstitutionType.SCHOOL])
def test_type_filters_page_like_a_plain_scan(
    big_db: Database, plain: list[_Plain], kind: InstitutionType
) -> None:
    service = InstitutionService(ctx(big_db))
    shown = {p.id: (p.name, p.type, p.city, p.phone, p.email, p.contacts) for p in plain}
    for text, sort in (("", "name"), ("laka", "city"), ("a", "contacts"), ("", "type")):
        query = InstitutionQuery(text=text, type=kind, sort=sort)
        rows = _paged(service, query, 11)
        assert [row.id for row in rows] == _scan(plain, query), (text, sort)
        assert {row.type for row in rows} <= {kind}
        for row in rows:
            assert (row.name, row.type, row.city, row.phone, row.email, row.contacts) == shown[
                row.id
            ]


def test_the_plain_list_is_every_match_in_polish_order(
    big_db: Database, plain: list[_Plain]
) -> None:
    service = InstitutionService(ctx(big_db))
    every = service.list()
    assert [row.id for row in every] == _scan(plain, InstitutionQuery())
    names = [row.name for row in every]
    assert names == sorted(names, key=polish_sort_text)
    assert [row.id for row in service.list("ŁĄKA", InstitutionType.COURT)] == _scan(
        plain, InstitutionQuery(text="łąka", type=InstitutionType.COURT)
    )


def test_names_cities_and_contacts_sort_with_l_stroke_after_l(db: Database) -> None:
    from app.services.records import ContactPersonData, InstitutionData

    service = InstitutionService(ctx(db))
    for name, city, contact in (
        ("Łaźnia Miejska", "Łódź", "Łoś"),
        ("Lecznica", "Lublin", "Lis"),
        ("Świetlica", "Śrem", "Śliwa"),
        ("Sąd Rejonowy", "sopot", "Sowa"),
        ("Żłobek", "Żory", "Żak"),
        ("Zespół Szkół", "Zabrze", "Zając"),
    ):
        service.save(
            InstitutionData(
                name=name,
                type=InstitutionType.OTHER,
                city=city,
                contacts=[ContactPersonData(last_name=contact)],
            )
        )

    def column(sort: str, descending: bool = False) -> list[str]:
        rows = service.page(InstitutionQuery(sort=sort, descending=descending), 0, 10).rows
        return [getattr(row, sort) for row in rows]

    assert column("name") == [
        "Lecznica",
        "Łaźnia Miejska",
        "Sąd Rejonowy",
        "Świetlica",
        "Zespół Szkół",
        "Żłobek",
    ]
    assert column("city") == ["Lublin", "Łódź", "sopot", "Śrem", "Zabrze", "Żory"]
    assert column("contacts", descending=True) == ["Żak", "Zając", "Śliwa", "Sowa", "Łoś", "Lis"]


@pytest.mark.parametrize("sort", SORT_KEYS)
def test_every_sort_works_on_an_empty_directory(db: Database, sort: str) -> None:
    page = InstitutionService(ctx(db)).page(InstitutionQuery(sort=sort), 0, 10)
    assert (page.rows, page.total) == ((), 0)


def test_an_unknown_sort_is_refused(db: Database) -> None:
    from app.errors import ValidationError

    with pytest.raises(ValidationError):
        InstitutionService(ctx(db)).page(InstitutionQuery(sort="notes"), 0, 10)


def test_view_loads_only_its_first_page_then_more_on_scroll(
    qtbot: QtBot, big_db: Database, plain: list[_Plain]
) -> None:
    TaskRunner.synchronous = True
    try:
        folder = DataFolder(Path(big_db.path).parent)
        view = InstitutionsView(AppContext(folder, Register(big_db, CLOCK), TaskRunner()))
        qtbot.addWidget(view)
        view.show()
        by_name = _scan(plain, InstitutionQuery())
        assert view.model.rowCount() == PAGE_SIZE < len(by_name)
        assert view.status_label.text() == count_text(len(by_name))
        assert [r.id for r in view.model.rows()] == by_name[:PAGE_SIZE]

        view.table.scrollToBottom()
        qtbot.waitUntil(lambda: view.model.rowCount() > PAGE_SIZE, timeout=2000)
        assert [r.id for r in view.model.rows()] == by_name[: 2 * PAGE_SIZE]

        view.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        by_city = _scan(plain, InstitutionQuery(sort="city", descending=True))
        assert [r.id for r in view.model.rows()] == by_city[:PAGE_SIZE]

        view.search_edit.setText("laka")
        view.reload()
        found = _scan(plain, InstitutionQuery(text="laka", sort="city", descending=True))
        assert view.status_label.text() == count_text(len(found))
        assert [r.id for r in view.model.rows()] == found[:PAGE_SIZE]
    finally:
        TaskRunner.synchronous = False
