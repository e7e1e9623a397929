"""Small but real PDFs: one with a line of text, built byte by byte, and copies of it with
active content (JavaScript, a launch action, an embedded file) added by pypdf's writer."""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


def _page_objects(text: str, catalog: bytes) -> list[bytes]:
    stream = f"BT /F1 18 Tf 40 120 Td ({text}) Tj ET".encode("latin-1")
    return [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def _built(objects: list[bytes]) -> bytes:
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    table = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
               f"startxref\n{table}\n%%EOF\n").encode()
    return bytes(output)


def pdf_with_text(text: str) -> bytes:
    return _built(_page_objects(text, b""))


def _written(writer: "PdfWriter") -> bytes:
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _writer_with_text(text: str) -> "PdfWriter":
    return PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text(text))))


def pdf_with_javascript(text: str = "Minutes") -> bytes:
    """JavaScript that runs when the document opens, written the way pypdf writes it."""
    writer = _writer_with_text(text)
    writer.add_open_action(JavaScript("app.alert('opened');"))
    return _written(writer)


def pdf_with_launch_action(text: str = "Minutes") -> bytes:
    """A link on the page that starts a program on the reader's computer."""
    writer = _writer_with_text(text)
    launch = DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                               NameObject("/F"): TextStringObject("calc.exe")})
    link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                             NameObject("/Subtype"): NameObject("/Link"),
                             NameObject("/Rect"): ArrayObject([NumberObject(n)
                                                               for n in (40, 100, 200, 140)]),
                             NameObject("/A"): launch})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _written(writer)


def pdf_with_embedded_file(text: str = "Minutes") -> bytes:
    writer = _writer_with_text(text)
    writer.add_attachment("payload.exe", b"MZ\x90\x00 a program")
    return _written(writer)


def pdf_with_disguised_javascript(text: str = "Minutes") -> bytes:
    """JavaScript run on opening, its name spelt "/J#61vaScript" as a PDF may (#61 is "a"), so
    that a search of the file's bytes for "/JavaScript" finds nothing."""
    return _built(_page_objects(text, b" /OpenAction << /S /J#61vaScript "
                                      b"/JS (app.alert\\(1\\)) >>"))
