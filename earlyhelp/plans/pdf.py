"""The family's copy of the plan as an accessible tagged PDF (PDF/UA-1): structure tags, the document language
and title from the HTML (`<html lang>`, `<title>`), real headings, so a screen reader reads it as the print view."""

from __future__ import annotations

from weasyprint import HTML


def render_pdf(*, html: str, base_url: str) -> bytes:
    # PDF/UA-1 turns on tagging (pdf_tags) and PDF 1.7; weasyprint sets /Lang from <html lang> and marks the
    # catalog /MarkInfo {/Marked true} with a /StructTreeRoot.
    pdf = HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    assert pdf is not None
    return pdf
