"""MS-OVBA compression checked against the specification's examples and oletools."""

import random
from pathlib import Path

import pytest
from oletools.olevba import decompress_stream

from leadcheck.build.ovba import CHUNK_SIZE, compress

# [MS-OVBA] 3.2.1 (no compression) and 3.2.3 (maximum compression), byte for byte.
NO_COMPRESSION = (
    b"abcdefghijklmnopqrstuv.",
    "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E",
)
MAXIMUM_COMPRESSION = (b"a" * 73, "01 03 B0 02 61 45 00")

# [MS-OVBA] 3.2.2 prints copy tokens 0x3000, 0x1004 and 0x3C00, but the procedure of
# 2.4.1.3 yields 0x2000, 0x0004 and 0x2C00. The two differ only in the offset, and both
# offsets point into the same run of "a", so both decompress to the same text.
NORMAL_TEXT = b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"
NORMAL_BY_PROCEDURE = (
    "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20 "
    "6D 6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C"
)
NORMAL_AS_PRINTED = (
    "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30 "
    "6D 6E 6F 70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C"
)


def decompress(data: bytes) -> bytes:
    return bytes(decompress_stream(bytearray(data)))


@pytest.mark.parametrize("text, expected", [NO_COMPRESSION, MAXIMUM_COMPRESSION])
def test_compress_matches_spec_bytes(text, expected):
    assert compress(text) == bytes.fromhex(expected)


def test_compress_normal_example_follows_procedure():
    assert compress(NORMAL_TEXT) == bytes.fromhex(NORMAL_BY_PROCEDURE)


def test_printed_normal_example_decompresses_to_same_text():
    assert decompress(bytes.fromhex(NORMAL_AS_PRINTED)) == NORMAL_TEXT
    assert decompress(bytes.fromhex(NORMAL_BY_PROCEDURE)) == NORMAL_TEXT


def test_empty_input_is_bare_signature():
    assert compress(b"") == b"\x01"


def vba_like_text(size: int, seed: int) -> bytes:
    """Return ASCII text with VBA-like repetition and some noise, ``size`` bytes long."""
    rng = random.Random(seed)
    words = [b"Dim ", b"As Variant", b"End Sub\r\n", b"If ", b" Then\r\n", b"    ", b"'"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) if rng.random() < 0.7 else bytes([rng.randrange(32, 127)])
    return bytes(out[:size])


@pytest.mark.parametrize("size", [1, 650, 651, 4095, 4096, 4097, 8192, 70_000, 200_003])
def test_round_trip_through_oletools(size):
    text = vba_like_text(size, seed=size)
    assert decompress(compress(text)) == text


def test_incompressible_chunk_is_stored_raw():
    rng = random.Random(7)
    text = bytes(rng.randrange(256) for _ in range(CHUNK_SIZE * 2))
    compressed = compress(text)
    # Two raw chunks: signature, then per chunk a header without the compressed flag.
    assert len(compressed) == 1 + 2 * (2 + CHUNK_SIZE)
    assert compressed[2] & 0x80 == 0
    assert decompress(compressed) == text


def test_xlwings_module_round_trips():
    xlwings_bas = (Path(__file__).parent.parent / "addin" / "xlwings.bas").read_bytes()
    assert len(xlwings_bas) > 40_000
    assert decompress(compress(xlwings_bas)) == xlwings_bas
