"""Bytes to text: UTF-8 first, then charset-normalizer's detection for legacy newsroom encodings."""
from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes

BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


class NotText(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    for bom, encoding in BOMS.items():
        if data.startswith(bom):
            return Decoded(data.decode(encoding), encoding)
    if b"\x00" not in data:
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    best = from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be", "cp1251", "koi8_r", "koi8_u", "utf_8"]).best()
    if best is None:
        raise NotText("binary or undecodable content")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise NotText("binary content")
    return Decoded(text, best.encoding)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(text)
