"""Bytes to text: size limit, binary detection, and encoding detection."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from manysides.errors import InputError

# Leading bytes of file kinds people drop into an article folder by mistake.
MAGIC_NUMBERS = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP, DOCX or another Office document"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"7z\xbc\xaf", "7-Zip"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"ID3", "MP3"),
    (b"OggS", "Ogg"),
    (b"RIFF", "WAV, AVI or WEBP"),
    (b"%!PS", "PostScript"),
    (b"SQLite format 3", "SQLite"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Latin code pages a detector confuses on short samples; for English text the answer is
# nearly always Windows-1252, so it wins whenever it decodes the bytes.
_LATIN_CODE_PAGES = {"cp1250", "cp1252", "cp1254", "cp1257", "cp775", "cp850", "cp437",
                     "latin_1", "iso8859_2", "iso8859_4", "iso8859_9", "iso8859_13", "iso8859_15",
                     "mac_roman", "mac_latin2"}  # fmt: skip
# Past this share of unreadable characters, a guessed encoding is a wrong guess.
_MAX_CHAOS = 0.2


def size_limit_cause(max_bytes: int) -> str:
    return f"larger than {max_bytes} bytes (set --max-bytes)"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; InputError when it is too large or cannot be read."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, size_limit_cause(max_bytes))
        return path.read_bytes()
    except PermissionError as exc:
        raise InputError(source, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(source, "is a folder, not a file") from exc
    except OSError as exc:
        raise InputError(source, f"could not read: {exc.strerror or exc}") from exc


def binary_kind(data: bytes) -> str | None:
    """What binary format the bytes look like, or None when they may be text."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if data.startswith(_UTF16_BOMS):
        return None
    if b"\x00" in data[:8192]:
        return "binary data"
    return None


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected encoding.

    Raises InputError for empty input, binary files and undecodable bytes.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    kind = binary_kind(data)
    if kind:
        cause = "contains NUL bytes" if kind == "binary data" else f"looks like {kind}"
        raise InputError(source, f"binary file ({cause})")
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_detected(data, source)


def _decode_detected(data: bytes, source: str) -> str:
    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise InputError(source, "not UTF-8 and no encoding could be detected")
    if best.encoding in _LATIN_CODE_PAGES:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


_SNIFF_BYTES = 65_536


def sniff_encoding(path: Path, source: str) -> str:
    """The encoding of a file too big to read at once, judged from its start.

    Raises InputError for empty, binary and undecodable files, like `decode`.
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError as exc:
        raise InputError(source, f"could not read: {exc.strerror or exc}") from exc
    if not head.strip():
        raise InputError(source, "empty file")
    kind = binary_kind(head)
    if kind:
        cause = "contains NUL bytes" if kind == "binary data" else f"looks like {kind}"
        raise InputError(source, f"binary file ({cause})")
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return _detected_encoding(head, source)
    return "utf-8-sig"


def _detected_encoding(head: bytes, source: str) -> str:
    best = from_bytes(head).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise InputError(source, "not UTF-8 and no encoding could be detected")
    return "cp1252" if best.encoding in _LATIN_CODE_PAGES else best.encoding
