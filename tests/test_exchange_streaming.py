"""Import and export of exchange files record by record: flat memory, all or nothing.

Files are written by tests/support/exchange_files.py: fictional, valid, and large enough
that holding one whole in memory would show.
"""

import copy
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from sqlalchemy import func, select

from app.errors import ImportFormatError
from app.services.exchange import (
    FORMAT_VERSION,
    SCHEMA_PATH,
    export_register,
    export_to_file,
    import_from_file,
    import_register,
    importer,
)
from app.services.exchange.document import READABLE_VERSIONS, schema_path
from app.services.exchange.fast_schema import QuickSchema
from app.services.exchange.reader import FileSource
from app.services.exchange.sources import HEADER, STREAMED
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder
from app.storage.db import Database
from app.storage.models import ChronologyEntry, Institution, Person, Procedure, Setting
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.clock import ctx
from tests.support.exchange_files import BODY, write_exchange_file

Doc = dict[str, Any]


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    """A second, empty register."""
    folder = DataFolder(tmp_path / "drugi", kdf=FAST_KDF)
    folder.acquire()
    created = folder.create(PASSWORD, TEST_SETTINGS)
    yield created.database
    created.database.close()
    folder.release()


def _count(db: Database, model: type[Any]) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _comparable(doc: Doc) -> Doc:
    return {key: value for key, value in doc.items() if key != "exported_at"}


def _peak(action: Any) -> int:
    """The most memory Python held at once while `action` ran, in bytes."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- memory -------------------------------------------------------------------------------


def test_a_large_file_imports_and_exports_in_a_fraction_of_its_size(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    # Loading a whole file takes at least twice its size (the bytes and the text) before
    # a single record is built; record by record, memory stays at a small fraction.
    warm_up = tmp_path / "maly.json"
    write_exchange_file(warm_up, 3, entries=2)
    import_from_file(ctx(other_db), warm_up)  # one-off caches (schema, statements) first
    big = tmp_path / "duzy.json"
    size = write_exchange_file(big, 2000, entries=4, body=BODY * 4)
    assert size > 15_000_000

    summary: list[Any] = []
    imported = _peak(lambda: summary.append(import_from_file(ctx(db), big)))
    out = tmp_path / "eksport.json"
    exported = _peak(lambda: export_to_file(ctx(db), out))

    assert imported < size / 4, f"import held {imported} B at once for a file of {size} B"
    assert exported < size / 4, f"export held {exported} B at once for a file of {size} B"
    assert summary[0].procedures == 2000 and summary[0].persons == 6000
    assert summary[0].chronology_entries == 8000 and summary[0].attachments == 40
    assert out.stat().st_size > size * 0.9


def test_the_streamed_file_is_the_document_as_json_dumps_writes_it(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "zrodlo.json"
    write_exchange_file(source, 250, entries=3, attachment_every=7)
    import_from_file(ctx(db), source)
    out = tmp_path / "eksport.json"

    export_to_file(ctx(db), out)

    expected = json.dumps(export_register(ctx(db)), ensure_ascii=False, indent=2) + "\n"
    assert out.read_bytes() == expected.encode("utf-8")


def test_a_streamed_export_round_trips_exactly(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "zrodlo.json"
    write_exchange_file(source, 120, entries=3, attachment_every=5)
    import_from_file(ctx(db), source)
    out = tmp_path / "eksport.json"
    export_to_file(ctx(db), out)

    import_from_file(ctx(other_db), out)

    assert _comparable(export_register(ctx(other_db))) == _comparable(export_register(ctx(db)))


# --- all or nothing at the far end of a file ------------------------------------------------


def test_a_fault_in_the_last_record_leaves_the_register_empty(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "zly-koniec.json"
    write_exchange_file(path, 1000, entries=2, wrong={"started_on": "2099-03-03"})
    flushes = _count_flushes(monkeypatch)
    settings_before = SettingsService(ctx(db)).load()

    with pytest.raises(ImportFormatError) as caught:
        import_from_file(ctx(db), path)

    assert caught.value.place == "procedures[999].started_on"
    assert "z przyszłości" in caught.value.reason
    assert flushes[0] > 5, "the batches before the fault were written, then rolled back"
    for model in (Institution, Person, Procedure, ChronologyEntry):
        assert _count(db, model) == 0, model.__name__
    assert SettingsService(ctx(db)).load() == settings_before


def test_a_fault_only_the_whole_file_reveals_changes_nothing(db: Database, tmp_path: Path) -> None:
    # The last victim, who has an address, becomes a mere household member: the file
    # is wrong only once every procedure has been read.
    path = tmp_path / "adres.json"
    last = 599
    parts = [
        {"id": 3 * last + 1, "person_id": 3 * last + 1, "role": "household_member", "details": {}},
        {"id": 3 * last + 2, "person_id": 3 * last + 2, "role": "perpetrator", "details": {}},
    ]
    write_exchange_file(path, last + 1, entries=1, wrong={"participants": parts})

    with pytest.raises(ImportFormatError) as caught:
        import_from_file(ctx(db), path)

    assert caught.value.place == f"persons[{3 * last}].addresses"
    assert "członkiem gospodarstwa" in caught.value.reason
    assert _count(db, Person) == _count(db, Procedure) == 0


def _count_flushes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    flushes = [0]
    flush = importer._Loader._flush

    def counted(self: Any) -> None:
        flushes[0] += 1
        flush(self)

    monkeypatch.setattr(importer._Loader, "_flush", counted)
    return flushes


# --- order of the top-level fields ------------------------------------------------------------


def _small_document(tmp_path: Path, version: int = FORMAT_VERSION) -> Doc:
    path = tmp_path / "maly.json"
    write_exchange_file(path, 12, entries=2, attachment_every=4, version=version)
    document: Doc = json.loads(path.read_text("utf-8"))
    return document


def _reversed(document: Doc) -> Doc:
    return dict(reversed(document.items()))


@pytest.mark.parametrize("version", [2, FORMAT_VERSION])
def test_fields_in_any_order_import_the_same(
    db: Database, other_db: Database, tmp_path: Path, version: int
) -> None:
    # Records are judged by the schema of the file's version, even when it comes last.
    document = _small_document(tmp_path, version)
    turned = tmp_path / "odwrocony.json"
    turned.write_text(json.dumps(_reversed(document), ensure_ascii=False), "utf-8")
    # Appointments need procedures, which need people: a file read in three passes.
    assert next(iter(_reversed(document))) == ("appointments" if version >= 3 else "procedures")

    import_from_file(ctx(db), turned)
    import_register(ctx(other_db), document)

    assert _comparable(export_register(ctx(db))) == _comparable(export_register(ctx(other_db)))


def test_each_list_is_read_after_the_lists_it_needs(
    db: Database, other_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _small_document(tmp_path)
    written = tmp_path / "wlasny.json"
    written.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    turned = tmp_path / "odwrocony.json"
    turned.write_text(json.dumps(_reversed(document), ensure_ascii=False), "utf-8")
    passes: list[frozenset[str] | None] = []
    entries = FileSource.entries

    def counted(self: FileSource, only: frozenset[str] | None = None) -> Any:
        passes.append(only)
        return entries(self, only)

    monkeypatch.setattr(FileSource, "entries", counted)

    import_from_file(ctx(db), written)
    assert passes == [HEADER, None], "the program's own file: the header, then one pass"
    passes.clear()
    import_from_file(ctx(other_db), turned)
    assert passes[2:] == [
        frozenset({"appointments", "procedures", "zi_meetings", "zi_members"}),
        frozenset({"appointments"}),
    ]


def test_a_file_of_another_format_says_so_even_when_its_header_comes_last(
    db: Database, tmp_path: Path
) -> None:
    document = _reversed(_small_document(tmp_path))
    document["format"] = "inny-program"
    document["persons"][0]["last_name"] = ""  # a fault met long before the header
    path = tmp_path / "inny.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")

    with pytest.raises(ImportFormatError) as caught:
        import_from_file(ctx(db), path)

    assert caught.value.place == "format"
    assert _count(db, Person) == 0


@pytest.mark.parametrize(
    ("text", "place", "reason"),
    [
        ('{"format": "nkdesk-exchange", "format": "nkdesk-exchange"}', "format", "więcej niż raz"),
        ('{"format": "nkdesk-exchange", "procedures": []}', "format_version", "brak wymaganego"),
        ('{"procedures": [], "format": "nkdesk-exchange"}', "format_version", "brak wymaganego"),
        (
            '{"format": "nkdesk-exchange", "format_version": 1, "persons": [],'
            ' "institutions": [], "procedures": {}}',
            "procedures",
            "lista",
        ),
        ('{"format_version": 1, "procedures": [], "persons": 0}', "format", "nie jest plik"),
    ],
)
def test_the_top_level_is_checked_as_a_whole(
    db: Database, tmp_path: Path, text: str, place: str, reason: str
) -> None:
    path = tmp_path / "plik.json"
    path.write_text(text, "utf-8")

    with pytest.raises(ImportFormatError) as caught:
        import_from_file(ctx(db), path)

    assert (caught.value.place, reason in caught.value.reason) == (place, True)


# --- JSON syntax and text in a streamed file ------------------------------------------------


def test_a_syntax_error_deep_in_a_file_names_its_line_and_column(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "przecinek.json"
    write_exchange_file(path, 150, entries=2)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    at = max(i for i, line in enumerate(lines) if line.strip().startswith('"author"'))
    lines[at] = lines[at].replace('",', '"')  # a comma missing near the end
    text = "".join(lines)
    path.write_text(text, "utf-8")
    with pytest.raises(json.JSONDecodeError) as python_says:
        json.loads(text)

    with pytest.raises(ImportFormatError) as caught:
        import_from_file(ctx(db), path)

    assert (
        caught.value.place
        == f"wiersz {python_says.value.lineno}, kolumna {python_says.value.colno}"
    )
    assert "brak przecinka" in caught.value.reason
    assert _count(db, Person) == 0


@pytest.mark.parametrize("text", ["Kowal\\ud800", "Kowal\\ud800\\u0041", "\\udfffKowal"])
def test_a_lone_surrogate_escape_is_refused_not_altered(
    db: Database, tmp_path: Path, text: str
) -> None:
    document = _small_document(tmp_path)
    document["persons"][1]["last_name"] = "PLACEHOLDER"
    raw = json.dumps(document, ensure_ascii=True).replace("PLACEHOLDER", text)
    path = tmp_path / "surogat.json"
    path.write_text(raw, "ascii")

    with pytest.raises(ImportFormatError) as caught:
        import_from_file(ctx(db), path)

    assert caught.value.place == "persons[1].last_name"
    assert "surogat" in caught.value.reason


def test_escaped_characters_outside_the_basic_plane_import(db: Database, tmp_path: Path) -> None:
    document = _small_document(tmp_path)
    document["procedures"][0]["notes"] = "Notatka z emotikoną 😀 i znakiem 𝄞."
    path = tmp_path / "ascii.json"
    path.write_text(json.dumps(document, ensure_ascii=True), "ascii")

    import_from_file(ctx(db), path)

    assert export_register(ctx(db))["procedures"][0]["notes"] == document["procedures"][0]["notes"]


def test_settings_of_the_file_are_written_with_the_records(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "ustawienia.json"
    write_exchange_file(path, 2, entries=1)

    import_from_file(ctx(db), path)

    with db.read_session() as session:
        pattern = session.get(Setting, "numbering_pattern")
    assert pattern is not None and pattern.value == "NK/{nr}/{rok}", "{seq}/{year} read in Polish"


# --- the quick schema check ------------------------------------------------------------------


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Doc]]:
    path = tmp_path_factory.mktemp("rekordy") / "rekordy.json"
    write_exchange_file(path, 4, entries=2, attachment_every=2)
    document: Doc = json.loads(path.read_text("utf-8"))
    return {key: document[key] for key in sorted(STREAMED)}


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "x", "2025-01-01", "2025-01-01T00:00:00Z", "victim", "0" * 64])
    | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=5,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


@st.composite
def damaged(draw: st.DrawFn, records: dict[str, list[Doc]]) -> tuple[str, Any]:
    key = draw(st.sampled_from(sorted(records)))
    record = copy.deepcopy(draw(st.sampled_from(records[key])))
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(record))
        if not paths:
            break
        *parents, last = draw(st.sampled_from(paths))
        parent: Any = record
        for part in parents:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[last]
        else:
            parent[last] = draw(JSON_VALUES)
    return key, record


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_quick_check_never_passes_a_record_the_schema_refuses(
    records: dict[str, list[Doc]], data: st.DataObject
) -> None:
    key, record = data.draw(damaged(records))
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    item = schema["properties"][key]["items"]
    quick = QuickSchema(schema).compile(item)
    full = Draft202012Validator({"$id": schema["$id"], "$defs": schema["$defs"], **item})

    assert not quick(record) or full.is_valid(record)


@pytest.mark.parametrize("version", READABLE_VERSIONS)
def test_the_quick_check_passes_valid_records(tmp_path: Path, version: int) -> None:
    document = _small_document(tmp_path, version)
    schema = json.loads(schema_path(version).read_text("utf-8"))
    for key in sorted(STREAMED & document.keys()):
        quick = QuickSchema(schema).compile(schema["properties"][key]["items"])
        assert all(quick(record) for record in document[key]), key
