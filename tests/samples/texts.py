"""Texts in the languages of the contributions, and plain-text files in common encodings."""

from __future__ import annotations

FRENCH = ("La France salue le Plan d'action de Lausanne et propose d'élargir l'assistance "
          "aux victimes à l'ensemble des zones contaminées ; les États doivent coopérer.")
SPANISH = ("España apoya la universalización de la Convención y señala que la destrucción "
           "de existencias debe concluir según el calendario acordado.")


def text_utf8_bytes() -> bytes:
    return f"Contribution of Spain\n\n{SPANISH}\n".encode()


def text_utf16_bytes(*, bom: bool = True) -> bytes:
    text = f"Contribution de la France\r\n\r\n{FRENCH}\r\n"
    return text.encode("utf-16") if bom else text.encode("utf-16-le")


def text_cp1252_bytes() -> bytes:
    return (f"Contribución de España\r\n\r\n{SPANISH}\r\n\r\n{FRENCH}\r\n\r\n"
            "Coût estimé : 25 € par mètre carré — « prioritaire ».\r\n").encode("cp1252")


def truncated(data: bytes, *, keep: float = 0.6) -> bytes:
    """The first part of a file, as a broken download or a cut attachment leaves it."""
    return data[: int(len(data) * keep)]
