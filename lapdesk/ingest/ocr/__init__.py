"""Reading pictures of text: scanned pages and photographed letters (OCR, offline).

The engine is Tesseract through ``tesserocr`` (its wheels carry libtesseract), with the
English, French, Spanish and orientation models shipped beside LAPDesk (:mod:`.models`).
Pages are turned upright and deskewed (:mod:`.prepare`) before they are read
(:mod:`.engine`); a scan's pages are read in chunks spread over the extraction workers
(:mod:`.fanout`, which never imports the engine).
"""
