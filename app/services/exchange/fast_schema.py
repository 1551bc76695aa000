"""A quick yes/no check of a value against the exchange schema; jsonschema explains a no.

jsonschema needs about 4 ms for one procedure record, minutes for a register of 50 000
procedures. The exchange schema uses only a dozen keywords, so they are compiled here
into plain Python checks about fifty times faster. A compiled check only ever says
"certainly valid": when it says no, the caller asks jsonschema, whose verdict and error
message count. A keyword this module does not know stops compilation, so the schema can
never gain a rule that the quick check would silently skip.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description"})
_OBJECT_KEYWORDS = frozenset({"properties", "required", "additionalProperties"})
_TYPES: dict[str, Check] = {
    "object": lambda value: type(value) is dict,
    "array": lambda value: type(value) is list,
    "string": lambda value: type(value) is str,
    "integer": lambda value: type(value) is int,
    "boolean": lambda value: value is True or value is False,
    "null": lambda value: value is None,
}
# Types to which numeric and text limits do not apply (jsonschema ignores them there).
_NOT_NUMBERS = (str, dict, list, bool, type(None))


class UnsupportedSchemaError(ValueError):
    """The schema uses a keyword the quick check cannot decide."""


def _everything(_value: Any) -> bool:
    return True


def _undecided(_value: Any) -> bool:
    return False


class QuickSchema:
    """Compiles sub-schemas of one root schema; `$ref`s point into the root."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self._root = root
        self._refs: dict[str, Check] = {}

    def compile(self, schema: Mapping[str, Any] | bool) -> Check:
        """A check that returns True only for values the schema accepts."""
        if schema is True:
            return _everything
        if schema is False:
            return _undecided
        unknown = set(schema) - _KEYWORDS.keys() - _ANNOTATIONS - _OBJECT_KEYWORDS
        if unknown:
            raise UnsupportedSchemaError(f"keywords not supported: {sorted(unknown)}")
        checks = [_KEYWORDS[key](self, schema[key]) for key in schema if key in _KEYWORDS]
        if _OBJECT_KEYWORDS & set(schema):
            checks.append(self._object(schema))
        return _all(checks)

    def resolve(self, pointer: str) -> Check:
        """The check of a local reference such as `#/$defs/person`, compiled once."""
        if not pointer.startswith("#/"):
            raise UnsupportedSchemaError(f"only local references: {pointer}")
        if pointer not in self._refs:
            target: Any = self._root
            for part in pointer[2:].split("/"):
                target = target[part]
            self._refs[pointer] = _undecided  # a cycle stops here and leaves it to jsonschema
            self._refs[pointer] = self.compile(target)
        return self._refs[pointer]

    def _object(self, schema: Mapping[str, Any]) -> Check:
        required = frozenset(schema.get("required", ()))
        properties = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        others = None if extra is False else self.compile(extra)

        def check(value: Any) -> bool:
            if type(value) is not dict:
                return True
            if not value.keys() >= required:
                return False
            for name, item in value.items():
                rule = properties.get(name, others)
                if rule is None or not rule(item):
                    return False
            return True

        return check


def _all(checks: Sequence[Check]) -> Check:
    if not checks:
        return _everything
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)

    def check(value: Any) -> bool:
        return all(rule(value) for rule in checks)

    return check


def _type(_compiler: QuickSchema, expected: str | list[str]) -> Check:
    names = [expected] if isinstance(expected, str) else expected
    if any(name not in _TYPES for name in names):
        raise UnsupportedSchemaError(f"type not supported: {names}")
    rules = [_TYPES[name] for name in names]
    return rules[0] if len(rules) == 1 else lambda value: any(rule(value) for rule in rules)


def _enum(_compiler: QuickSchema, allowed: list[Any]) -> Check:
    if not all(type(item) is str for item in allowed):
        raise UnsupportedSchemaError("only enums of text")
    names = frozenset(allowed)
    return lambda value: type(value) is str and value in names


def _const(_compiler: QuickSchema, expected: Any) -> Check:
    if type(expected) not in (str, int):
        raise UnsupportedSchemaError("only text or integer constants")
    kind = type(expected)
    return lambda value: type(value) is kind and value == expected


def _pattern(_compiler: QuickSchema, pattern: str) -> Check:
    search = re.compile(pattern).search
    return lambda value: type(value) is not str or search(value) is not None


def _min_length(_compiler: QuickSchema, least: int) -> Check:
    return lambda value: type(value) is not str or len(value) >= least


def _minimum(_compiler: QuickSchema, least: int) -> Check:
    return lambda value: (type(value) is int and value >= least) or isinstance(value, _NOT_NUMBERS)


def _maximum(_compiler: QuickSchema, most: int) -> Check:
    return lambda value: (type(value) is int and value <= most) or isinstance(value, _NOT_NUMBERS)


def _items(compiler: QuickSchema, schema: Mapping[str, Any]) -> Check:
    rule = compiler.compile(schema)

    def check(value: Any) -> bool:
        if type(value) is list:
            for item in value:
                if not rule(item):
                    return False
        return True

    return check


def _any_of(compiler: QuickSchema, schemas: list[Mapping[str, Any]]) -> Check:
    rules = [compiler.compile(schema) for schema in schemas]
    if len(rules) == 2:
        first, second = rules
        return lambda value: first(value) or second(value)

    def check(value: Any) -> bool:
        return any(rule(value) for rule in rules)

    return check


def _ref(compiler: QuickSchema, pointer: str) -> Check:
    return compiler.resolve(pointer)


_KEYWORDS: dict[str, Callable[[QuickSchema, Any], Check]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "minLength": _min_length,
    "minimum": _minimum,
    "maximum": _maximum,
    "items": _items,
    "anyOf": _any_of,
    "$ref": _ref,
}
