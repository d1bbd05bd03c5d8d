"""A minimal writer of compound files ([MS-CFB] version 3), enough for ``vbaProject.bin``.

olefile (the usual Python reader) cannot create files, so this module writes them. It
supports storages and streams in one pass, 512-byte sectors, the mini stream for streams
under 4096 bytes and up to 109 FAT sectors (about 7 MB), which no VBA project comes close
to. It does not write timestamps or CLSIDs, so equal input gives byte-equal output.

Naming: a *path* is a tuple of entry names from the root, e.g. ``("VBA", "dir")``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR_SIZE = 512
MINI_SECTOR_SIZE = 64

# Streams shorter than this live in the mini stream; fixed by version 3 of the format.
MINI_STREAM_CUTOFF = 4096

# Special sector numbers of the FAT.
FREE_SECTOR = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF

# The header holds the first 109 FAT sector numbers; more would need DIFAT sectors.
HEADER_FAT_SLOTS = 109

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

# Directory entry object types and red-black colours.
TYPE_STORAGE, TYPE_STREAM, TYPE_ROOT = 1, 2, 5
RED, BLACK = 0, 1

# A directory entry name holds at most 31 UTF-16 characters plus a terminator.
MAX_NAME_LENGTH = 31


class CompoundFileError(ValueError):
    """Input that would make an unreadable compound file; the message names the value."""


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    index: int = 0
    left: int = NO_STREAM
    right: int = NO_STREAM
    child: int = NO_STREAM
    color: int = BLACK
    start: int = END_OF_CHAIN


def _sort_key(entry: _Entry) -> tuple[int, str]:
    # The format orders siblings by name length first, then by upper-case name.
    return len(entry.name), entry.name.upper()


def _build_tree(entries: list[_Entry], depth: int, last_level: int) -> int:
    """Link sorted siblings into a balanced tree and return the root's index.

    Splitting at the middle fills every level but the last, so colouring the last level
    red and all others black satisfies the red-black rules the format asks for.
    """
    if not entries:
        return NO_STREAM
    middle = len(entries) // 2
    node = entries[middle]
    node.color = RED if depth == last_level and depth > 0 else BLACK
    node.left = _build_tree(entries[:middle], depth + 1, last_level)
    node.right = _build_tree(entries[middle + 1:], depth + 1, last_level)
    return node.index


def _tree_height(count: int) -> int:
    """Return the depth of the deepest node in a middle-split tree of ``count`` nodes."""
    return max(count.bit_length() - 1, 0)


class CompoundFile:
    """Collects streams by path and serialises them as one compound file."""

    def __init__(self) -> None:
        self._root = _Entry("Root Entry", TYPE_ROOT)

    def add_stream(self, path: tuple[str, ...], data: bytes) -> None:
        """Add a stream, creating the storages on its path."""
        for name in path:
            if not name or len(name) > MAX_NAME_LENGTH or any(c in name for c in "/\\:!"):
                raise CompoundFileError(f"invalid compound-file entry name {name!r} in {path!r}")
        parent = self._root
        for name in path[:-1]:
            parent = self._child(parent, name, TYPE_STORAGE)
        if any(entry.name.upper() == path[-1].upper() for entry in parent.children):
            raise CompoundFileError(f"duplicate compound-file entry {path!r}")
        parent.children.append(_Entry(path[-1], TYPE_STREAM, data=bytes(data)))

    def _child(self, parent: _Entry, name: str, kind: int) -> _Entry:
        for entry in parent.children:
            if entry.name.upper() == name.upper():
                if entry.kind != kind:
                    raise CompoundFileError(f"entry {name!r} is both a stream and a storage")
                return entry
        entry = _Entry(name, kind)
        parent.children.append(entry)
        return entry

    def _entries(self) -> list[_Entry]:
        """Return all entries in directory order (root first) with indices and links set."""
        ordered: list[_Entry] = []
        pending = [self._root]
        while pending:
            entry = pending.pop(0)
            entry.index = len(ordered)
            ordered.append(entry)
            entry.children.sort(key=_sort_key)
            pending.extend(entry.children)

        for entry in ordered:
            last_level = _tree_height(len(entry.children))
            entry.child = _build_tree(entry.children, 0, last_level)
        return ordered

    def to_bytes(self) -> bytes:
        """Serialise the file: big streams, mini stream, mini FAT, directory, FAT."""
        entries = self._entries()
        sectors = bytearray()
        fat: list[int] = []

        def append_chain(data: bytes) -> int:
            if not data:
                return END_OF_CHAIN
            start = len(fat)
            count = -(-len(data) // SECTOR_SIZE)
            fat.extend(range(start + 1, start + count))
            fat.append(END_OF_CHAIN)
            sectors.extend(data.ljust(count * SECTOR_SIZE, b"\x00"))
            return start

        # Big streams first, then the mini stream that holds the small ones.
        mini_stream = bytearray()
        mini_fat: list[int] = []
        for entry in entries:
            if entry.kind != TYPE_STREAM:
                continue
            if len(entry.data) >= MINI_STREAM_CUTOFF:
                entry.start = append_chain(entry.data)
            elif entry.data:
                entry.start = len(mini_fat)
                count = -(-len(entry.data) // MINI_SECTOR_SIZE)
                mini_fat.extend(range(entry.start + 1, entry.start + count))
                mini_fat.append(END_OF_CHAIN)
                mini_stream.extend(entry.data.ljust(count * MINI_SECTOR_SIZE, b"\x00"))
        self._root.start = append_chain(bytes(mini_stream))
        self._root.data = bytes(mini_stream)

        mini_fat_bytes = b"".join(struct.pack("<I", value) for value in mini_fat)
        mini_fat_start = append_chain(mini_fat_bytes)
        mini_fat_sectors = -(-len(mini_fat_bytes) // SECTOR_SIZE)

        directory = b"".join(_directory_entry(entry) for entry in entries)
        per_sector = SECTOR_SIZE // 128
        padding = (-len(entries)) % per_sector
        directory += _directory_entry(None) * padding
        directory_start = append_chain(directory)

        # The FAT also maps its own sectors, so its size is found by iteration.
        fat_sectors = 0
        while fat_sectors * (SECTOR_SIZE // 4) < len(fat) + fat_sectors:
            fat_sectors += 1
        if fat_sectors > HEADER_FAT_SLOTS:
            raise CompoundFileError(
                f"compound file needs {fat_sectors} FAT sectors; this writer supports "
                f"{HEADER_FAT_SLOTS}"
            )
        fat_start = len(fat)
        fat.extend([FAT_SECTOR] * fat_sectors)
        fat.extend([FREE_SECTOR] * (fat_sectors * (SECTOR_SIZE // 4) - len(fat)))
        sectors.extend(b"".join(struct.pack("<I", value) for value in fat))

        header = _header(
            fat_sectors=fat_sectors,
            fat_start=fat_start,
            directory_start=directory_start,
            mini_fat_start=mini_fat_start,
            mini_fat_sectors=mini_fat_sectors,
        )
        return header + bytes(sectors)


def _directory_entry(entry: _Entry | None) -> bytes:
    """Return the 128-byte directory entry; ``None`` gives an unused entry."""
    if entry is None:
        return b"\x00" * 64 + struct.pack(
            "<HBBIII16sIQQIQ", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM, b"", 0, 0, 0, 0, 0
        )
    name = (entry.name + "\x00").encode("utf-16-le")
    size = len(entry.data) if entry.kind != TYPE_STORAGE else 0
    start = entry.start if entry.kind != TYPE_STORAGE else 0
    return name.ljust(64, b"\x00") + struct.pack(
        "<HBBIII16sIQQIQ",
        len(name), entry.kind, entry.color, entry.left, entry.right, entry.child,
        b"", 0, 0, 0, start, size,
    )


def _header(
    *, fat_sectors: int, fat_start: int, directory_start: int,
    mini_fat_start: int, mini_fat_sectors: int,
) -> bytes:
    fat_slots = [fat_start + number for number in range(fat_sectors)]
    fat_slots += [FREE_SECTOR] * (HEADER_FAT_SLOTS - fat_sectors)
    header = SIGNATURE + b"\x00" * 16 + struct.pack(
        "<HHHHH6sIIIIIIIII",
        0x003E, 0x0003, 0xFFFE, 9, 6, b"", 0, fat_sectors, directory_start, 0,
        MINI_STREAM_CUTOFF, mini_fat_start if mini_fat_sectors else END_OF_CHAIN,
        mini_fat_sectors, END_OF_CHAIN, 0,
    )
    return header + b"".join(struct.pack("<I", slot) for slot in fat_slots)
