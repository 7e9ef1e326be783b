import pytest

from palabre.imports.readers import TableError, read_table

from .factories import csv_bytes, upload, xlsx_bytes


def test_utf8_csv_with_bom_and_commas_gives_rows_numbered_as_in_excel():
    data = csv_bytes([["Prénom", "Nom"], ["Aya", "Konan"], ["", ""], ["Yao", "Brou"]], bom=True)
    table = read_table(upload("liste.csv", data), "liste.csv")
    assert table.header == ["Prénom", "Nom"]  # the BOM is not glued to the first header
    assert list(table) == [
        (2, {"Prénom": "Aya", "Nom": "Konan"}),
        (4, {"Prénom": "Yao", "Nom": "Brou"}),
    ]


def test_semicolon_csv_in_windows_1252_keeps_accents():
    data = csv_bytes(
        [["Prénom", "Nom", "Ville"], ["Éloïse", "Kôné", "Soubré, Nawa"]],
        delimiter=";",
        encoding="cp1252",
    )
    table = read_table(upload("liste.csv", data), "liste.csv")
    assert table == [(2, {"Prénom": "Éloïse", "Nom": "Kôné", "Ville": "Soubré, Nawa"})]


def test_a_value_on_several_lines_counts_as_one_spreadsheet_row():
    data = b'Nom,Notes\nKonan,"une\nremarque"\nBrou,\n'
    table = read_table(upload("liste.csv", data), "liste.csv")
    assert [line for line, _ in table] == [2, 3]
    assert table[0][1]["Notes"] == "une\nremarque"


def test_xlsx_header_is_first_non_empty_row_and_numbers_are_not_floats():
    data = xlsx_bytes([[None, None], ["Nom", "Téléphone"], ["Konan", 707010203.0]])
    table = read_table(upload("liste.xlsx", data), "liste.xlsx")
    assert table.header_line == 2
    assert table == [(3, {"Nom": "Konan", "Téléphone": "707010203"})]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("liste.txt", b"Nom\nKonan\n", ".csv or .xlsx"),
        ("liste.csv", b"  \n\n", "empty"),
        ("liste.xlsx", b"not a zip", "not a readable .xlsx"),
        ("liste.csv", b"Nom,Nom\nKonan,Brou\n", "two columns"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(TableError, match=message):
        read_table(upload(name, content), name)
