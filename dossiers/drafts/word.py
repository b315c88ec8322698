"""A Word document as the drafts need it: headings, paragraphs, tables and real footnotes.

python-docx opens, styles and saves the document; two things are done here in its XML:
- Footnotes, which python-docx does not write (its issue tracker has asked since 2014). A
  footnote is Word's own: a `w:footnoteReference` in the text and its `w:footnote` in a
  footnotes part (`/word/footnotes.xml`, related to the document), so Word and LibreOffice
  number and place it, and the officer edits it as any footnote.
- The body: paragraphs and tables are written as XML text and parsed once, with the rest of
  the document, when it is saved. Through python-docx's element API a paragraph with a bold
  lead took about 0.7 ms (it looks up the style among all styles and builds every property
  element one by one) and a table cell as much, which for a Council with 250 dossiers on its
  agenda, or a quarter with 300 open files, took over a second; now it takes a tenth of that.
"""

import io
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Length, Pt
from lxml import etree

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_W = nsdecls("w")
# The two footnotes Word expects before the first real one: the separator lines.
_FOOTNOTES = (
    f"<w:footnotes {_W}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
    "</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)
FOOTNOTE_SIZE = Pt(8)
_SUPERSCRIPT = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'


# Characters XML 1.0 cannot hold; text read from a PDF may keep one (the importer lets a few
# control characters through), and a single one would fail the whole download.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _run(text, properties=""):
    return (
        f"<w:r>{'<w:rPr>' + properties + '</w:rPr>' if properties else ''}"
        f'<w:t xml:space="preserve">{escape(_NOT_XML.sub("", text))}</w:t></w:r>'
    )


def _lines(text, properties=""):
    """A run per line, with a line break between them."""
    return "<w:r><w:br/></w:r>".join(_run(line, properties) for line in text.split("\n"))


class _Block:
    """A paragraph or table not yet parsed: its XML in parts, so a footnote reference can still
    be added at its end."""

    def __init__(self, opening, content, closing):
        self.parts = [opening, content]
        self.closing = closing

    def xml(self):
        return "".join(self.parts) + self.closing


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
        self._blocks = []  # the body, parsed once when the document is saved
        self._footnotes = []  # their XML
        self._style_ids = {}

    def heading(self, text, level=1):
        return self.paragraph(text, style="Title" if level == 0 else f"Heading {level}")

    def paragraph(self, text="", *, label=None, italic=False, style=None):
        """A paragraph; `label` is a bold lead ("Stand van zaken: ") before the text. Returns
        it for footnote()."""
        style_xml = f'<w:pPr><w:pStyle w:val="{self._style_id(style)}"/></w:pPr>' if style else ""
        runs = (_run(label, "<w:b/>") if label else "") + (
            _run(text, "<w:i/>" if italic else "") if text else ""
        )
        block = _Block(f"<w:p>{style_xml}", runs, "</w:p>")
        self._blocks.append(block)
        return block

    def bullet(self, text, *, label=None):
        return self.paragraph(text, label=label, style="List Bullet")

    def footnote(self, paragraph, text):
        """Put a footnote with `text` at the end of `paragraph`; returns its number."""
        number = len(self._footnotes) + 1
        self._footnotes.append(
            f'<w:footnote w:id="{number}"><w:p>'
            f"<w:r>{_SUPERSCRIPT}<w:footnoteRef/></w:r>"
            + _run(f" {text}", f'<w:sz w:val="{int(FOOTNOTE_SIZE.pt * 2)}"/>')
            + "</w:p></w:footnote>"
        )
        paragraph.parts.append(f'<w:r>{_SUPERSCRIPT}<w:footnoteReference w:id="{number}"/></w:r>')
        return number

    def table(self, headers, rows, widths=None):
        """A table with a bold header row; a value's line breaks are kept. `widths`: each
        column's share of the text width (equal shares when not given)."""
        widths = widths or [1] * len(headers)
        section = self.document.sections[-1]
        text_width = Length(section.page_width - section.left_margin - section.right_margin)
        columns = [int(text_width.twips * share / sum(widths)) for share in widths]

        def row(values, properties=""):
            cells = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"<w:p>{_lines(str(value), properties)}</w:p></w:tc>"
                for value, width in zip(values, columns, strict=True)
            )
            return f"<w:tr>{cells}</w:tr>"

        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in columns)
        properties = (
            f'<w:tblPr><w:tblStyle w:val="{self._style_id("Table Grid")}"/>'
            f'<w:tblW w:w="{sum(columns)}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        )
        body = row(headers, "<w:b/>") + "".join(row(values) for values in rows)
        block = _Block(f"<w:tbl>{properties}", body, "</w:tbl>")
        self._blocks.append(block)
        return block

    def to_bytes(self):
        # The document's XML with the blocks before its section properties, parsed in one go:
        # moving a parsed table of 3,000 rows into the document took lxml 7 s, this 0.1 s.
        opening, section, closing = etree.tostring(
            self.document.element, encoding="unicode"
        ).rpartition("<w:sectPr")
        blocks = "".join(block.xml() for block in self._blocks)
        self.document.part._element = parse_xml(opening + blocks + section + closing)
        if self._footnotes:
            self._add_footnotes_part()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def _style_id(self, name):
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def _add_footnotes_part(self):
        document_part = self.document.part
        part = XmlPart(
            PackURI("/word/footnotes.xml"),
            CONTENT_TYPE.WML_FOOTNOTES,
            parse_xml(
                _FOOTNOTES.replace("</w:footnotes>", "".join(self._footnotes) + "</w:footnotes>")
            ),
            document_part.package,
        )
        document_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
