"""Which ids an import has seen, in about one bit per id.

A register numbers its records 1, 2, 3, …, so the ids of a 50 000-procedure file
(630 000 chronology entries alone) fit in a bitmap of a few hundred kilobytes, where a
Python set of them would take tens of megabytes. Ids far above the count of records
seen (or below 1) go to an ordinary set, so no file can make the bitmap huge.
"""

_SLACK_BITS = 1 << 20  # ids may run this far ahead of the count before a set takes them


class IdIndex:
    """A set of integer ids, compact for the dense ids a register gives out."""

    def __init__(self) -> None:
        self._bits = bytearray()
        self._others: set[int] = set()
        self._count = 0

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int):
            return False
        in_bits = 0 < value < len(self._bits) * 8
        if in_bits and self._bits[value >> 3] & (1 << (value & 7)):
            return True
        return value in self._others

    def __len__(self) -> int:
        return self._count

    def add(self, value: int) -> bool:
        """Remember `value`; False when it was there already."""
        if value in self:
            return False
        self._count += 1
        if 0 < value < (self._count + _SLACK_BITS):
            needed = (value >> 3) + 1
            if needed > len(self._bits):
                self._bits.extend(bytes(max(needed - len(self._bits), len(self._bits))))
            self._bits[value >> 3] |= 1 << (value & 7)
        else:
            self._others.add(value)
        return True
