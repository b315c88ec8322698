"""The Excel downloads' writer: text stays text, the layout is tablib's."""

import io

import openpyxl
import tablib

from dossiers.spreadsheets import SHEET_TITLE_LENGTH, WIDEST_COLUMN, xlsx_from_dataset


def _sheet(dataset):
    return openpyxl.load_workbook(io.BytesIO(xlsx_from_dataset(dataset))).active


def test_text_that_looks_like_a_formula_or_a_link_stays_text():
    dataset = tablib.Dataset(
        ['=HYPERLINK("https://example.org")', "https://eur-lex.europa.eu/", "+31 70", 7],
        headers=["a", "b", "c", "d"],
        title="Q1 2024",
    )
    sheet = _sheet(dataset)
    a, b, c, d = sheet[2]
    assert (a.data_type, a.value) == ("s", '=HYPERLINK("https://example.org")')
    assert (b.value, b.hyperlink) == ("https://eur-lex.europa.eu/", None)
    assert c.value == "+31 70"
    assert d.value == 7


def test_header_row_is_bold_and_frozen_and_empty_cells_stay_empty():
    dataset = tablib.Dataset(["APR", None, ""], headers=["Titel", "Pakket", "Sinds"])
    sheet = _sheet(dataset)
    assert [cell.value for cell in sheet[1]] == ["Titel", "Pakket", "Sinds"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[2]] == ["APR", None, None]


def test_columns_are_as_wide_as_their_text_within_a_limit():
    dataset = tablib.Dataset(
        ["Asielprocedureverordening", "x" * 200], headers=["Titel", "Toelichting"]
    )
    sheet = _sheet(dataset)
    assert sheet.column_dimensions["A"].width >= len("Asielprocedureverordening")
    assert sheet.column_dimensions["B"].width <= WIDEST_COLUMN + 2


def test_sheet_title_is_cut_to_excels_limit():
    dataset = tablib.Dataset(headers=["a"], title="Kwartaaloverzicht EU-wetsvoorstellen JBZ")
    assert _sheet(dataset).title == dataset.title[:SHEET_TITLE_LENGTH]
