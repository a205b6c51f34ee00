"""Password-protected Word documents (ECMA-376 encryption in an OLE2 container), opened with
the password the user gives (msoffcrypto-tool), then read as any Word document.

The password comes with the job and goes nowhere else: it is not stored, logged or put in a
message.  The stored original stays the protected file, as it arrived.
"""

from __future__ import annotations

import io

from lapdesk.ingest import sniff
from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.ingest.formats.common import ExtractionFailure, unreadable

NEEDS_PASSWORD = ("This Office document is protected by a password; import it again with the "
                  "password (--password, or Enter password… in the desk) to read its text.")
WRONG_PASSWORD = ("The password given for this Office document is not the right one; its "
                  "text could not be read.")


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    if not password:
        raise ExtractionFailure("encrypted", NEEDS_PASSWORD)
    opened = decrypt(data, password)
    kind = sniff.sniff(opened, "")
    if kind != sniff.DOCX:
        what = {sniff.XLSX: "an Excel spreadsheet", sniff.PPTX: "a PowerPoint presentation"}
        raise ExtractionFailure("unsupported", f"This protected file is "
                                f"{what.get(kind, 'not a Word document')}; it was opened, but "
                                "LAPDesk reads only documents.")
    from lapdesk.ingest.formats import docx

    result = docx.extract(opened, limits=limits)
    result.message = "Opened with the password given (which LAPDesk does not keep)."
    return result


def decrypt(data: bytes, password: str) -> bytes:
    """The package inside a protected Office file; raises ``encrypted`` for a wrong password."""
    import msoffcrypto
    from msoffcrypto import exceptions

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        office.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office.decrypt(out)
    except (exceptions.InvalidKeyError, exceptions.DecryptionError) as error:
        if "password" in str(error).lower() or isinstance(error, exceptions.InvalidKeyError):
            raise ExtractionFailure("encrypted", WRONG_PASSWORD) from None
        raise unreadable("This protected Office document is damaged and cannot be "
                         "opened.") from None
    except (exceptions.FileFormatError, exceptions.ParseError, ValueError, KeyError,
            OSError) as error:
        raise unreadable("This protected Office document is damaged or uses a protection "
                         "LAPDesk cannot open.") from error
    return out.getvalue()
