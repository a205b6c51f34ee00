"""Legacy Word .doc (Word 97-2003), converted to .docx by LibreOffice when it is installed.

No pure-Python reader handles old .doc files well, so LibreOffice converts them
(:mod:`lapdesk.core.office`: private folder and profile, time limit, judged by its output), and
the result is read as any Word document.
"""

from __future__ import annotations

from lapdesk.core import office
from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.ingest.formats.common import ExtractionFailure, unreadable

_MAX_SECONDS = 90.0


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    if office.find_soffice() is None:
        return Extracted("unsupported", "This is an old Word 97-2003 document (.doc); "
                         "LibreOffice must be installed for LAPDesk to read it, or save it "
                         "as .docx in Word.")
    from lapdesk.ingest.formats import docx

    try:
        converted = office.convert_bytes(data, suffix=".doc", target="docx:MS Word 2007 XML",
                                         timeout=min(limits.timeout_s, _MAX_SECONDS))
    except office.ConversionTimeout as error:
        raise ExtractionFailure("unreadable", "LibreOffice took too long to convert this "
                                "old Word document; it may be damaged.") from error
    except office.ConversionError as error:
        raise unreadable("LibreOffice could not convert this old Word document; it may be "
                         "damaged or protected by a password.") from error
    return docx.extract(converted, limits=limits)
