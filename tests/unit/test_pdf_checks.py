"""Which PDFs may be published: active content is found however the file spells it."""

import pytest

from content.files import NotAPdf, active_content, check_pdf
from tests.pdf_samples import pdf_with_disguised_javascript, pdf_with_text


def test_a_plain_pdf_has_no_active_content_and_may_be_published() -> None:
    pdf = pdf_with_text("Quarterly performance report")
    assert active_content(pdf) == []
    check_pdf(pdf)


def test_a_file_pypdf_cannot_read_is_searched_byte_by_byte() -> None:
    damaged = pdf_with_disguised_javascript()[:-40]  # no end, no cross-reference table
    assert active_content(damaged) == ["JavaScript"]
    assert active_content(b"%PDF-1.4 /EmbeddedFiles /Launch torn off") == [
        "an action that starts a program", "embedded files"]


def test_every_kind_found_is_named_in_one_message() -> None:
    with pytest.raises(NotAPdf) as refused:
        check_pdf(b"%PDF-1.4 /JS (x) /EF << >> torn off")
    assert str(refused.value).startswith(
        "The selected file contains JavaScript and embedded files, which could run")
