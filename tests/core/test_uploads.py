"""The file fields of evidence and documents say what they accept in the reader's language."""

from django.utils import translation

from palabre.core.uploads import document_field


def test_the_accepted_files_are_said_in_the_language_of_each_reader():
    field = document_field("Pièce")  # defined once, like a form's field at import
    with translation.override("fr"):
        assert "10 Mo au maximum" in str(field.help_text)
    with translation.override("en"):
        assert "10 MB at most" in str(field.help_text)
    assert field.widget.attrs["accept"].startswith(".pdf")
