"""A team passphrase for packs: AES-256-GCM with a key derived by scrypt (``cryptography``).

Packs hold confidential correspondence; on a USB stick or in an email they may be read by
anyone.  With a passphrase the body is encrypted and the header (team, replica, range) is
authenticated with it, so a pack altered or cut short is refused rather than half applied.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from lapdesk.core.errors import LapdeskError

# scrypt's cost: about 50 ms and 16 MB on a laptop, per pack.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


class PassphraseError(LapdeskError):
    """A pack needs a passphrase, or the one given does not open it."""


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def new_parameters() -> dict:
    """What a new encrypted pack records of its cipher (no secret among them)."""
    return {"cipher": "AES-256-GCM", "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R,
            "p": SCRYPT_P, "salt": _b64(os.urandom(16)), "nonce": _b64(os.urandom(12))}


def encrypt(body: bytes, passphrase: str, parameters: dict, header: bytes) -> bytes:
    key = _key(passphrase, _unb64(parameters["salt"]), parameters["n"], parameters["r"],
               parameters["p"])
    return AESGCM(key).encrypt(_unb64(parameters["nonce"]), body, header)


def decrypt(body: bytes, passphrase: str | None, parameters: dict, header: bytes) -> bytes:
    """:raises PassphraseError: no passphrase, a wrong one, or a pack altered since sent."""
    if not passphrase:
        raise PassphraseError("This pack is protected by the team passphrase; give it to "
                              "receive the pack.")
    key = _key(passphrase, _unb64(parameters["salt"]), parameters["n"], parameters["r"],
               parameters["p"])
    try:
        return AESGCM(key).decrypt(_unb64(parameters["nonce"]), body, header)
    except InvalidTag as error:
        raise PassphraseError("The passphrase does not open this pack (or the pack was "
                              "altered after it was sent).") from error


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))
