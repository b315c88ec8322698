import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from ..models import Stage

register = template.Library()


@register.filter
def stage_label(value):
    """The label of a stage code from an annotation such as stage_on_date; '' for none."""
    return Stage(value).label if value is not None else ""


@register.filter
def highlight(passage, term):
    """The passage, escaped, with each occurrence of `term` marked."""
    passage = conditional_escape(passage or "")
    if not term:
        return passage
    term = conditional_escape(str(term))
    pattern = re.compile(re.escape(term), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", passage))


@register.simple_tag
def document_link(document):
    """The document's name, linked to where it is published when that is known."""
    address = document.publication_url
    if not address:
        return conditional_escape(str(document))
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', address, document)
