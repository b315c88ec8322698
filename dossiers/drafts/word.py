"""A Word document as the drafts need it: headings, paragraphs, tables and real footnotes.

python-docx writes everything but footnotes (its issue tracker has asked for them since 2014).
A footnote here is Word's own: a `w:footnoteReference` in the text and its `w:footnote` in a
footnotes part (`/word/footnotes.xml`, related to the document), so Word and LibreOffice number
and place it, and the officer can edit it as any footnote.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The two footnotes Word expects before the first real one: the separator lines.
_FOOTNOTES = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
    "</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)
FOOTNOTE_SIZE = Pt(8)


class WordDocument:
    """One .docx being written; `to_bytes()` when done."""

    def __init__(self, title, *, landscape=False):
        self.document = Document()
        self.document.core_properties.title = title
        self.document.styles["Normal"].font.size = Pt(10)
        if landscape:
            section = self.document.sections[0]
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        self._footnotes = None  # the w:footnotes element, made with the first footnote
        self._next_footnote = 1

    def heading(self, text, level=1):
        return self.document.add_heading(text, level=level)

    def paragraph(self, text="", *, label=None, italic=False, style=None):
        """A paragraph; `label` is a bold lead ("Stand van zaken: ") before the text."""
        paragraph = self.document.add_paragraph(style=style)
        if label:
            paragraph.add_run(label).bold = True
        if text:
            paragraph.add_run(text).italic = italic
        return paragraph

    def bullet(self, text, *, label=None):
        return self.paragraph(text, label=label, style="List Bullet")

    def footnote(self, paragraph, text):
        """Put a footnote with `text` at the end of `paragraph`; returns its number."""
        number = self._next_footnote
        self._next_footnote += 1
        self._footnotes_element().append(_footnote(number, text))
        run = paragraph.add_run()
        run._r.append(_superscript())
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(number))
        run._r.append(reference)
        return number

    def table(self, headers, rows):
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(header)).bold = True
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = str(value)
        return table

    def to_bytes(self):
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def _footnotes_element(self):
        if self._footnotes is None:
            document_part = self.document.part
            part = XmlPart(
                PackURI("/word/footnotes.xml"),
                CONTENT_TYPE.WML_FOOTNOTES,
                parse_xml(_FOOTNOTES),
                document_part.package,
            )
            document_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
            self._footnotes = part.element
        return self._footnotes


def _superscript():
    properties = OxmlElement("w:rPr")
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    properties.append(align)
    return properties


def _footnote(number, text):
    footnote = OxmlElement("w:footnote")
    footnote.set(qn("w:id"), str(number))
    paragraph = OxmlElement("w:p")
    mark = OxmlElement("w:r")
    mark.append(_superscript())
    mark.append(OxmlElement("w:footnoteRef"))
    paragraph.append(mark)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(int(FOOTNOTE_SIZE.pt * 2)))
    properties.append(size)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = f" {text}"
    run.append(text_element)
    paragraph.append(run)
    footnote.append(paragraph)
    return footnote
