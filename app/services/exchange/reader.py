"""Reading an exchange file record by record with ijson, so memory stays flat at any size.

The parser turns the bytes into events; only one record at a time is built from them.
Where the file has a syntax error, a second run feeds the parser byte by byte around the
failing part, so the message names the exact line and column.

The fast yajl parser replaces a lone UTF-16 surrogate escape (`\\ud800`) with "?" or
joins it with the next escape, without a word. A file that holds any surrogate escape at
all (only files written with every character escaped do) is therefore read with ijson's
exact pure-Python parser instead, which keeps such text for the import to refuse.
"""

import re
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from app.errors import ImportFormatError, ValidationError
from app.services.exchange.document import Document
from app.services.exchange.sources import HEADER, STREAMED, Entry
from app.services.exchange.validation import MAX_DEPTH, TOO_DEEP, WHOLE_FILE, place_of

_CHUNK = 1 << 16
_BOM = b"\xef\xbb\xbf"
_OTHER_ENCODINGS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_JSON_SPACE = b" \t\r\n"
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))
_LOOK_BACK = 1 << 20
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz"
_NUMBER_BYTES = b"0123456789+-.eE"
_NOT_UTF8 = "plik nie jest zapisany w kodowaniu UTF-8"
_NOT_AN_OBJECT = "to nie jest plik wymiany NK Desk"
_OPENERS = frozenset({"start_map", "start_array"})
_CLOSERS = frozenset({"end_map", "end_array"})
# Parser messages (yajl's, then those of the pure-Python parser) and what they mean.
_REASONS = (
    ("premature EOF", "plik urywa się przed końcem danych"),
    ("Incomplete JSON", "plik urywa się przed końcem danych"),
    ("trailing garbage", "nadmiarowe dane po końcu dokumentu"),
    ("Additional data", "nadmiarowe dane po końcu dokumentu"),
    ("I expect ',' or", "brak przecinka między elementami"),
    ("separated by a colon", "brak dwukropka po nazwie pola"),
    (
        "invalid object key",
        "nazwa pola musi być w cudzysłowie (albo zbędny przecinek przed nawiasem)",
    ),
    ("invalid bytes in UTF8", "tekst nie jest zapisany w kodowaniu UTF-8"),
    ("codec can't decode", "tekst nie jest zapisany w kodowaniu UTF-8"),
    ("invalid character inside string", "niedozwolony znak sterujący w tekście"),
    ("control character", "niedozwolony znak sterujący w tekście"),
    ("after '\\u'", "niepoprawna sekwencja \\u"),
    ("'\\' occurs before", "niepoprawna sekwencja ze znakiem \\"),
    ("malformed number", "niepoprawny zapis liczby"),
    ("JSON number", "niepoprawny zapis liczby"),
    ("comment", "komentarze nie są dozwolone"),
    ("invalid char", "brak wartości albo niedozwolony znak"),
    ("unallowed token", "brak wartości albo niedozwolony znak"),
    ("invalid string", "brak wartości albo niedozwolony znak"),
    ("Unexpected symbol", "brak wartości albo niedozwolony znak"),
)

Events = Iterator[tuple[str, Any]]
Parse = Callable[..., Events]


class JsonSyntaxError(ImportFormatError):
    """The file is not valid JSON; `place` is a line and column, or the whole file."""


class FileSource:
    """An exchange file on disk, read again from its start for each pass."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._parse = _parser_for(path)

    def entries(self, only: frozenset[str] | None = None) -> Generator[Entry, None, None]:
        with _open(self._path) as handle:
            reader = _Reader(handle, self._path)
            yield from _top_level(self._events(reader), only)

    def header(self) -> Document:
        """Read up to where both header fields have been seen: the top, in files we write."""
        found: Document = {}
        with closing(self.entries(HEADER)) as entries:
            for key, value in entries:
                found[key] = value
                if found.keys() >= HEADER:
                    break
        return found

    def _events(self, reader: "_Reader") -> Events:
        try:
            yield from self._parse(reader, buf_size=_CHUNK, use_float=False)
        except (ijson.JSONError, ValueError) as exc:
            raise self._syntax_error(reader) from exc

    def _syntax_error(self, reader: "_Reader") -> JsonSyntaxError:
        if not reader.seen_content:
            return JsonSyntaxError(WHOLE_FILE, "plik jest pusty")
        found = _locate(self._path, max(reader.chunk_start - _CHUNK, 0))
        if found is None:
            return JsonSyntaxError(WHOLE_FILE, "plik wymiany jest uszkodzony")
        position, message = found
        if message.startswith("parse error") and "premature EOF" not in message:
            position = _token_start(self._path, position)
        reason = next((text for key, text in _REASONS if key in message), "niepoprawna składnia")
        return JsonSyntaxError(
            _line_column(self._path, position), f"plik wymiany jest uszkodzony — {reason}"
        )


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise ValidationError(f"Nie można odczytać pliku {path.name}.") from exc


class _Reader:
    """The file's bytes for the parser, after the checks the parser cannot make.

    Skips a UTF-8 byte order mark, refuses UTF-16 and UTF-32, remembers where the last
    chunk began (a syntax error lies in it) and whether anything but blanks was read.
    From `single_from` on it hands out one byte at a time, to find an error exactly.
    """

    def __init__(self, handle: BinaryIO, path: Path, single_from: int | None = None) -> None:
        self._handle = handle
        self._path = path
        self._single_from = single_from
        self.offset = 0
        self.chunk_start = 0
        self.seen_content = False
        self.at_end = False
        head = self._raw(4)
        if head.startswith(_OTHER_ENCODINGS) or b"\x00" in head:
            raise JsonSyntaxError(WHOLE_FILE, _NOT_UTF8)
        self._pending = head.removeprefix(_BOM)
        self.offset = len(head) - len(self._pending)

    def read(self, size: int) -> bytes:
        if size == 0:  # ijson asks for nothing once, to learn that the file gives bytes
            return b""
        if self._single_from is not None and self.offset >= self._single_from:
            size = 1
        data = self._pending[:size]
        self._pending = self._pending[size:]
        if len(data) < size:
            data += self._raw(size - len(data))
        self.chunk_start, self.offset = self.offset, self.offset + len(data)
        self.at_end = not data
        if not self.seen_content and data.strip(_JSON_SPACE):
            self.seen_content = True
        return data

    def _raw(self, size: int) -> bytes:
        return _read(self._handle, size, self._path)


def _read(handle: BinaryIO, size: int, path: Path) -> bytes:
    try:
        return handle.read(size)
    except OSError as exc:
        raise ValidationError(f"Nie można odczytać pliku {path.name}.") from exc


def _parser_for(path: Path) -> Parse:
    """The fast parser, unless the file holds surrogate escapes it would silently change."""
    exact: Parse = ijson.get_backend("python").basic_parse
    fast: Parse = ijson.basic_parse
    if ijson.backend == "python":
        return exact
    tail = b""
    with _open(path) as handle:
        while chunk := _read(handle, 1 << 20, path):
            if _SURROGATE_ESCAPE.search(tail + chunk[:8]) or _SURROGATE_ESCAPE.search(chunk):
                return exact
            tail = chunk[-3:]
    return fast


def _locate(path: Path, single_from: int) -> tuple[int, str] | None:
    """Where the parser stops, fed one byte at a time from `single_from`, and its message."""
    with _open(path) as handle:
        reader = _Reader(handle, path, single_from)
        try:
            for _event in ijson.basic_parse(reader, buf_size=_CHUNK, use_float=False):
                pass
        except (ijson.JSONError, ValueError) as exc:
            position = reader.offset if reader.at_end else reader.offset - 1
            return position, str(exc)
    return None


def _token_start(path: Path, position: int) -> int:
    """Where the token ending at `position` begins: yajl names a token once it is whole.

    A number is known to have ended only at the character after it; a text is followed
    back to its opening quote (a quote after an odd run of backslashes is escaped). A
    token longer than the look-back is named where it ends.
    """
    start = max(position - _LOOK_BACK, 0)
    with _open(path) as handle:
        handle.seek(start)
        window = _read(handle, position + 1 - start, path)
    if not window:
        return position
    end = len(window) - 1
    if window[end] == ord('"'):
        quote = window.rfind(b'"', 0, end)
        while quote > 0 and _escaped(window, quote):
            quote = window.rfind(b'"', 0, quote)
        return start + quote if quote >= 0 else position
    kept = window[:end] if window[end] not in _WORD_BYTES else window
    name = kept.rstrip(_NUMBER_BYTES if window[end] not in _WORD_BYTES else _WORD_BYTES)
    if len(name) == len(kept):
        return position
    return start + len(name)


def _escaped(window: bytes, at: int) -> bool:
    run = at - len(window[:at].rstrip(b"\\"))
    return run % 2 == 1


def _line_column(path: Path, position: int) -> str:
    """`wiersz 4, kolumna 3` of a byte offset; columns count characters, not bytes."""
    line, column = 1, 0
    with _open(path) as handle:
        done = len(_BOM) if _read(handle, len(_BOM), path) == _BOM else 0
        handle.seek(done)
        while done < position and (chunk := _read(handle, min(1 << 20, position - done), path)):
            done += len(chunk)
            breaks = chunk.count(b"\n")
            if breaks:
                line += breaks
                chunk = chunk[chunk.rindex(b"\n") + 1 :]
                column = 0
            column += len(chunk.translate(None, _CONTINUATION_BYTES))
    return f"wiersz {line}, kolumna {column + 1}"


def _top_level(events: Events, only: frozenset[str] | None) -> Iterator[Entry]:
    event, _value = _next(events)
    if event != "start_map":
        raise JsonSyntaxError(WHOLE_FILE, _NOT_AN_OBJECT)
    for event, key in events:
        if event == "end_map":
            break
        event, value = _next(events)
        if only is not None and key not in only:
            _skip(events, event)
        elif event == "start_array" and key in STREAMED:
            records = _Records(events, key)
            yield key, records
            records.skip_rest()
        else:
            yield key, _build(events, event, value, [key])
    for _event in events:  # the parser refuses anything after the object
        pass


def _next(events: Events) -> tuple[str, Any]:
    for item in events:
        return item
    raise JsonSyntaxError(WHOLE_FILE, "plik urywa się przed końcem danych")


class _Records:
    """The records of one top-level list, each built only when the loader asks for it."""

    def __init__(self, events: Events, key: str) -> None:
        self._events = events
        self._key = key
        self._index = 0
        self._done = False

    def __iter__(self) -> "_Records":
        return self

    def __next__(self) -> Any:
        if self._done:
            raise StopIteration
        event, value = _next(self._events)
        if event == "end_array":
            self._done = True
            raise StopIteration
        record = _build(self._events, event, value, [self._key, self._index])
        self._index += 1
        return record

    def skip_rest(self) -> None:
        if not self._done:
            self._done = True
            _skip(self._events, "start_array")


def _skip(events: Events, event: str) -> None:
    """Pass over a value without building it (a field this pass does not read)."""
    if event not in _OPENERS:
        return
    depth = 1
    for event, _value in events:
        if event in _OPENERS:
            depth += 1
        elif event in _CLOSERS:
            depth -= 1
            if depth == 0:
                return


def _build(events: Events, event: str, value: Any, base: list[str | int]) -> Any:
    """The value that starts with `event`, standing at path `base`; refused when too deep.

    Built with an explicit stack, so no nesting can exhaust Python's.
    """
    if event not in _OPENERS:
        return value
    root: Any = {} if event == "start_map" else []
    stack: list[Any] = [root]
    names: list[str | int] = []  # where each open container below the root stands
    limit = MAX_DEPTH - len(base)
    key = ""
    for event, value in events:
        if event == "map_key":
            key = value
            continue
        if event in _CLOSERS:
            stack.pop()
            if not stack:
                return root
            names.pop()
            continue
        top = stack[-1]
        name = key if type(top) is dict else len(top)
        if len(stack) > limit:
            raise ImportFormatError(place_of([*base, *names, name][:MAX_DEPTH]), TOO_DEEP)
        if event in _OPENERS:
            value = {} if event == "start_map" else []
            stack.append(value)
            names.append(name)
        if type(top) is dict:
            top[key] = value
        else:
            top.append(value)
    raise JsonSyntaxError(WHOLE_FILE, "plik urywa się przed końcem danych")
