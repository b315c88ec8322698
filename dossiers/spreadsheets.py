"""The downloads: CSV with formulas neutralised, Excel written by XlsxWriter.

tablib writes .xlsx through openpyxl, which builds every cell as an object first: 179 ms for the
18,405 cells of the register of 2,045 dossiers; XlsxWriter writes them in 58 ms.
The layout is tablib's: a bold header row that stays in view, columns as wide as their text.
"""

import io

import tablib
import xlsxwriter
from django_tables2.export import TableExport

SHEET_TITLE_LENGTH = 31  # Excel's limit
WIDEST_COLUMN = 60
# A spreadsheet reads a CSV cell that starts with one of these as a formula (OWASP, CSV
# injection): "=HYPERLINK(...)" in a dossier title would run when the file is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """`value`, with an apostrophe before it when a spreadsheet would read it as a formula.

    Only text: a number such as -3 stays a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_from_dataset(dataset):
    """The CSV text of a tablib Dataset, no cell of it read as a formula."""
    safe = tablib.Dataset(
        *([neutralise_formula(value) for value in row] for row in dataset),
        headers=[neutralise_formula(header) for header in dataset.headers],
    )
    return safe.export("csv")


def xlsx_from_dataset(dataset):
    """The bytes of a workbook with one sheet: the headers and rows of a tablib Dataset."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        {
            "in_memory": True,
            # Cells are text as the officers typed it: '=...' is no formula, 'https://...' no link.
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet((dataset.title or "")[:SHEET_TITLE_LENGTH] or None)
    headers = [str(header) for header in dataset.headers]
    widths = [len(header) for header in headers]
    sheet.write_row(0, 0, headers, workbook.add_format({"bold": True}))
    sheet.freeze_panes(1, 0)
    for row_number, row in enumerate(dataset, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue  # an empty cell, as in the CSV
            if isinstance(value, str):
                # Most cells are text: straight to write_string, past write()'s type tests.
                sheet.write_string(row_number, column, value)
                widths[column] = max(widths[column], len(value))
            else:
                sheet.write(row_number, column, value)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(width, WIDEST_COLUMN) + 1)
    workbook.close()
    return output.getvalue()


class SpreadsheetExport(TableExport):
    """django-tables2's export in the formats the pages offer, CSV and .xlsx, and no other.

    django-tables2 accepts every format tablib knows; ods, xls and yaml need libraries that
    are not installed, and json, html or latex are not what the page offers.
    """

    OFFERED = (TableExport.CSV, TableExport.XLSX)

    @classmethod
    def is_valid_format(cls, export_format):
        return export_format in cls.OFFERED

    def export(self):
        if self.format == self.XLSX:
            return xlsx_from_dataset(self.dataset)
        return csv_from_dataset(self.dataset)
