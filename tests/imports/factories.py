"""Spreadsheets built in memory, and the people a file may meet in the directory."""

import csv
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from palabre.directory.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    """Someone already in the directory before an import."""

    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Adjoua{n}")
    last_name = factory.Sequence(lambda n: f"Essaimport{n}")


def csv_bytes(
    rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False
) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


GOOD_ROWS = [
    ["Prénom", "Nom", "E-mail", "Téléphone", "Sexe", "Pays de résidence", "Consentement"],
    ["Aya", "Konan-Essai", "aya.konan@example.org", "07 07 01 02 03", "F", "CI", "oui"],
    ["Yao", "Brou-Essai", "yao.brou@example.org", "+33 6 12 34 56 78", "Homme", "France", "non"],
    ["Mariam", "Traoré-Essai", "", "", "féminin", "Italie", ""],
    ["Koffi", "Ahoussi-Essai", "koffi@example.org", "00225 05 05 05 05 05", "M", "", "x"],
]

# Line numbers as Excel shows them: the header is line 1.
BAD_ROWS = [
    ["Prénom", "Nom", "E-mail", "Téléphone", "Sexe", "Pays de résidence"],
    ["Aya", "Konan-Essai", "aya.konan@example.org", "", "F", "CI"],  # line 2: good
    ["Yao", "Brou-Essai", "", "", "Peut-être", "CI"],  # line 3: bad gender
    ["Awa", "Sanogo-Essai", "awa@@example", "", "F", "CI"],  # line 4: bad e-mail
    ["Ali", "", "ali@example.org", "", "M", "CI"],  # line 5: no last name
    ["Eric", "Zadi-Essai", "", "12 34", "M", "CI"],  # line 6: bad phone
]
