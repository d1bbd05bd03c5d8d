"""MS-OVBA run-length compression of VBA source and ``dir`` streams ([MS-OVBA] 2.4.1).

A compressed container is the signature byte 0x01 followed by chunks. Each chunk holds up
to 4096 bytes of decompressed data: a two-byte header, then token sequences of one flag
byte and eight tokens. A token is a literal byte or a two-byte copy token that repeats
earlier bytes of the same chunk. The split of a copy token into offset and length bits
depends on how far into the chunk the token sits.

Several byte sequences decompress to the same data. This module follows the
specification's own procedure (longest match, nearest candidate on ties), so its output is
deterministic, but it does not promise the bytes Office itself writes.
"""

from __future__ import annotations

# Decompressed bytes covered by one chunk; fixed by the format.
CHUNK_SIZE = 4096

# Signature byte that opens every compressed container.
CONTAINER_SIGNATURE = 0x01

# Bits 12-14 of every chunk header hold 0b011.
CHUNK_SIGNATURE = 0x3000

# Bit 15 of a chunk header: set when the chunk holds tokens, clear for a raw chunk.
CHUNK_COMPRESSED_FLAG = 0x8000

# A copy token shorter than three bytes saves nothing, so lengths are stored minus three.
MINIMUM_MATCH = 3


def _offset_bits(position_in_chunk: int) -> int:
    """Return the bits a copy token spends on its offset at this chunk position (min 4)."""
    bits = max((position_in_chunk - 1).bit_length(), 4)
    return bits


def _longest_match(
    data: bytes, chunk_start: int, current: int, end: int, candidates: list[int]
) -> tuple[int, int]:
    """Return (offset, length) of the longest earlier match in the chunk, or (0, 0).

    ``candidates`` lists the earlier chunk positions whose next three bytes equal those at
    ``current``; no other position can start a match worth a copy token.
    """
    bits = _offset_bits(current - chunk_start)
    maximum_length = (0xFFFF >> bits) + MINIMUM_MATCH
    best_length = 0
    best_offset = 0

    # Candidates run from nearest to farthest; only a strictly longer match replaces one.
    for candidate in reversed(candidates):
        length = 0
        while (
            current + length < end
            and length < maximum_length
            and data[candidate + length] == data[current + length]
        ):
            length += 1
        if length > best_length:
            best_length = length
            best_offset = current - candidate
            if length == maximum_length or current + length == end:
                break

    if best_length < MINIMUM_MATCH:
        return 0, 0
    return best_offset, best_length


def _compress_chunk(data: bytes, chunk_start: int) -> bytes:
    """Return the token sequences of one chunk, without its header."""
    end = min(chunk_start + CHUNK_SIZE, len(data))
    output = bytearray()
    # Earlier positions in this chunk, keyed by the three bytes that start there.
    positions: dict[bytes, list[int]] = {}
    indexed = chunk_start
    current = chunk_start

    while current < end:
        flag_index = len(output)
        output.append(0)
        flags = 0
        for token in range(8):
            if current >= end:
                break
            while indexed < current:
                positions.setdefault(data[indexed:indexed + 3], []).append(indexed)
                indexed += 1
            candidates = positions.get(data[current:current + 3], [])
            offset, length = _longest_match(data, chunk_start, current, end, candidates)
            if length:
                bits = _offset_bits(current - chunk_start)
                copy_token = ((offset - 1) << (16 - bits)) | (length - MINIMUM_MATCH)
                output += copy_token.to_bytes(2, "little")
                flags |= 1 << token
                current += length
            else:
                output.append(data[current])
                current += 1
        output[flag_index] = flags
    return bytes(output)


def compress(data: bytes) -> bytes:
    """Compress ``data`` into an MS-OVBA compressed container.

    A chunk whose tokens would exceed 4096 bytes is stored raw. The format requires a raw
    chunk to hold exactly 4096 bytes, so a short final raw chunk is padded with zero bytes
    that a reader will return; text chunks are never that incompressible in practice.
    """
    output = bytearray([CONTAINER_SIGNATURE])

    for chunk_start in range(0, len(data), CHUNK_SIZE):
        tokens = _compress_chunk(data, chunk_start)
        if len(tokens) <= CHUNK_SIZE:
            header = CHUNK_COMPRESSED_FLAG | CHUNK_SIGNATURE | (len(tokens) + 2 - 3)
            output += header.to_bytes(2, "little") + tokens
            continue
        raw = data[chunk_start:chunk_start + CHUNK_SIZE].ljust(CHUNK_SIZE, b"\x00")
        header = CHUNK_SIGNATURE | (CHUNK_SIZE + 2 - 3)
        output += header.to_bytes(2, "little") + raw
    return bytes(output)
