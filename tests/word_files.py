"""Reading a .docx the drafts wrote: its paragraphs and its footnotes, with python-docx."""

import io

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn


def paragraphs(data):
    return [paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs]


def footnotes(data):
    """{number: text} of the footnotes."""
    document = Document(io.BytesIO(data))
    for relationship in document.part.rels.values():
        if relationship.reltype == RELATIONSHIP_TYPE.FOOTNOTES:
            element = parse_xml(relationship.target_part.blob)
            return {
                int(note.get(qn("w:id"))): "".join(
                    t.text or "" for t in note.iter(qn("w:t"))
                ).strip()
                for note in element.iter(qn("w:footnote"))
                if int(note.get(qn("w:id"))) > 0
            }
    return {}


def footnote_references(data):
    """The footnote numbers in the body, in order."""
    body = Document(io.BytesIO(data)).element.body
    return [int(ref.get(qn("w:id"))) for ref in body.iter(qn("w:footnoteReference"))]


def tables(data):
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in Document(io.BytesIO(data)).tables
    ]
