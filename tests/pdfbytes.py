"""Minimal PDFs written by hand, for the bad-input tests (no PDF-writing dependency).

pdfplumber/pdfminer and PDFium read PDFs but do not write them, so the few
PDFs the tests need are assembled here as bytes: a text page, an image-only
page (a scan without a text layer), and a password-protected file encrypted
with the PDF Standard security handler (revision 2, RC4 40-bit — the same
scheme `qpdf --encrypt user owner 40` writes).
"""
from __future__ import annotations

import hashlib
import zlib

# Algorithm 2 of the PDF specification pads passwords with these 32 bytes
_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _assemble(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """Objects 1..n (bodies without `n 0 obj`), a cross-reference table and a trailer; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _page_objects(content: bytes, resources: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources " + resources + b" >>",
        _stream(content),
    ]


def text_pdf(lines: list[str]) -> bytes:
    """One page of ASCII text lines in Helvetica — a readable PDF that is not a budget disclosure."""
    ops = [b"BT /F1 12 Tf 72 760 Td 16 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    objects = _page_objects(b"\n".join(ops), b"<< /Font << /F1 5 0 R >> >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return _assemble(objects)


def image_only_pdf(width: int = 200, height: int = 100) -> bytes:
    """One page that is only a grey image (a scan without a text layer): it needs OCR to be read."""
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(height) for x in range(width))
    content = b"q 400 0 0 200 100 500 cm /Im1 Do Q"
    objects = _page_objects(content, b"<< /XObject << /Im1 5 0 R >> >>")
    objects.append(_stream(
        zlib.compress(pixels),
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode " % (width, height),
    ))
    return _assemble(objects)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    """A text PDF encrypted with a user password (Standard security handler, R2, RC4 40-bit)."""
    file_id = hashlib.md5(b"budget-warehouse-test").digest()
    permissions = -44  # print + copy allowed; the value only matters to viewers
    # Algorithm 3: the /O entry from the owner password
    owner_key = hashlib.md5((owner_password + _PAD)[:32]).digest()[:5]
    o_entry = _rc4(owner_key, (user_password + _PAD)[:32])
    # Algorithm 2: the file key from the user password
    key = hashlib.md5(
        (user_password + _PAD)[:32] + o_entry + permissions.to_bytes(4, "little", signed=True) + file_id
    ).digest()[:5]
    # Algorithm 4: the /U entry (revision 2)
    u_entry = _rc4(key, _PAD)

    def encrypt(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
        return _rc4(object_key, data)

    content = b"BT /F1 12 Tf 72 760 Td (Password protected) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(encrypt(4, content)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <"
        + u_entry.hex().encode() + b"> /P %d >>" % permissions,
    ]
    trailer = b"/Encrypt 6 0 R /ID [<" + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">] "
    return _assemble(objects, trailer)


def half_character_pdf(text: str = "部门预算", half_at: int = 2) -> bytes:
    """One page whose font's ToUnicode map gives one glyph half a surrogate pair (U+D835), as some
    producers write a character beyond the BMP: PDFium hands that half to Python as a lone surrogate.
    The other glyphs map to the characters of `text`; the half is printed at `half_at`."""
    codes = list(text)
    codes.insert(half_at, "\ud835")
    entries = b"\n".join(b"<%04X> <%04X>" % (i + 1, ord(ch)) for i, ch in enumerate(codes))
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Half def\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            b"%d beginbfchar\n" % len(codes) + entries + b"\nendbfchar endcmap "
            b"CMapName currentdict /CMap defineresource pop end end")
    shown = b"".join(b"%04X" % (i + 1) for i in range(len(codes)))
    objects = _page_objects(b"BT /F1 14 Tf 72 760 Td <" + shown + b"> Tj ET", b"<< /Font << /F1 5 0 R >> >>")
    objects += [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Half /Encoding /Identity-H /DescendantFonts [6 0 R] "
        b"/ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Half /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        _stream(cmap),
    ]
    return _assemble(objects)
