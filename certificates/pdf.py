"""The certificate PDF: one landscape A4 page drawn with ReportLab.

Small and reproducible by design:
- Text is set in the standard PDF fonts (Helvetica), which readers carry, so no
  font is embedded and a certificate weighs a few kilobytes. A name or title
  that Windows-1252 cannot spell (the standard fonts' encoding) is set in
  DejaVu Sans instead, embedded as a subset, when the system has it.
- The QR code is computed by the qrcode library and drawn by ReportLab as
  vector rectangles (one per run of dark modules): sharp at any zoom, a few
  hundred bytes, and no raster image to encode.
- `invariant=1` leaves out the creation time and the random document id, so
  one certificate renders to the same bytes every time.
"""

import functools
import io
from pathlib import Path

import qrcode
from django.utils import dateformat, timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 60
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
QR_SIZE = 108
INK = colors.HexColor("#1d2433")
MUTED = colors.HexColor("#5a6478")
BRAND = colors.HexColor("#1f5fbf")

# Debian's fonts-dejavu-core; other systems can add their paths here.
UNICODE_FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]


def render_certificate_pdf(certificate):
    """The PDF of a certificate as bytes, from the fields it copied at issue (nothing is re-read)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
    pdf.setTitle(f"Certificate: {certificate.course_title}")
    pdf.setAuthor("Academy")
    pdf.setSubject(f"{certificate.learner_name}, verification code {certificate.code}")
    pdf.setCreator("Academy")
    _draw_frame(pdf)
    _draw_body(pdf, certificate)
    _draw_footer(pdf, certificate)
    _draw_qr(pdf, certificate.verification_url, x=PAGE_WIDTH - MARGIN - QR_SIZE, y=58, size=QR_SIZE)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw_frame(pdf):
    pdf.setStrokeColor(BRAND)
    pdf.setLineWidth(3)
    pdf.rect(24, 24, PAGE_WIDTH - 48, PAGE_HEIGHT - 48)
    pdf.setLineWidth(0.8)
    pdf.rect(32, 32, PAGE_WIDTH - 64, PAGE_HEIGHT - 64)


def _draw_body(pdf, certificate):
    centre = PAGE_WIDTH / 2
    _centred(pdf, "ACADEMY", 528, size=13, bold=True, color=BRAND)
    _centred(pdf, "Certificate of Completion", 478, size=34, bold=True)
    _centred(pdf, "This certifies that", 432, size=14, color=MUTED)
    y = _centred_fitted(pdf, certificate.learner_name, 390, max_size=30, bold=True)
    pdf.setStrokeColor(MUTED)
    pdf.setLineWidth(0.5)
    pdf.line(centre - 220, y - 12, centre + 220, y - 12)
    _centred(pdf, "has completed the course", y - 42, size=14, color=MUTED)
    y = _centred_fitted(pdf, certificate.course_title, y - 80, max_size=22, bold=True)
    _centred(pdf, f"Version {certificate.course_version}", y - 24, size=12, color=MUTED)


def _draw_footer(pdf, certificate):
    lines = [("Issued", _date(certificate.issued_at))]
    if certificate.expires_at:
        lines.append(("Valid until", _date(certificate.expires_at)))
    lines.append(("Verification code", certificate.code))
    y = 58 + QR_SIZE - 12
    for label, value in lines:
        pdf.setFillColor(MUTED)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(MARGIN, y, label)
        pdf.setFillColor(INK)
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(MARGIN + 110, y, value)
        y -= 20
    pdf.setFillColor(MUTED)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(MARGIN, y - 4, f"Check it at {certificate.verification_url}")
    pdf.drawCentredString(PAGE_WIDTH - MARGIN - QR_SIZE / 2, 44, "Scan to verify")


def _draw_qr(pdf, data, *, x, y, size):
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    module = size / len(matrix)
    pdf.setFillColor(colors.black)
    for row_index, row in enumerate(matrix):
        row_y = y + size - (row_index + 1) * module
        start = None
        for col_index, dark in enumerate([*row, False]):  # the sentinel closes a run at the edge
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                pdf.rect(x + start * module, row_y, (col_index - start) * module, module, stroke=0, fill=1)
                start = None


def _centred(pdf, text, y, *, size, bold=False, color=INK):
    pdf.setFillColor(color)
    pdf.setFont(_font(text, bold), size)
    pdf.drawCentredString(PAGE_WIDTH / 2, y, text)


def _centred_fitted(pdf, text, y, *, max_size, bold=False, min_size=14):
    """Draw text centred, shrunk to fit the width, wrapped at min_size if still too long; returns the last line's y."""
    font = _font(text, bold)
    size = max_size
    while size > min_size and pdfmetrics.stringWidth(text, font, size) > TEXT_WIDTH:
        size -= 1
    lines = simpleSplit(text, font, size, TEXT_WIDTH)[:3] or [""]
    pdf.setFillColor(INK)
    pdf.setFont(font, size)
    for index, line in enumerate(lines):
        pdf.drawCentredString(PAGE_WIDTH / 2, y - index * size * 1.2, line)
    return y - (len(lines) - 1) * size * 1.2


def _date(moment):
    return dateformat.format(timezone.localtime(moment), "j F Y")


def _font(text, bold):
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return _unicode_font(bold) or ("Helvetica-Bold" if bold else "Helvetica")
    return "Helvetica-Bold" if bold else "Helvetica"


@functools.cache
def _unicode_font(bold):
    filename = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in UNICODE_FONT_DIRS:
        if (folder / filename).exists():
            name = filename.removesuffix(".ttf")
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
            return name
    return None
