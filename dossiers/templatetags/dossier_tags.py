from django import template

from ..models import Stage

register = template.Library()


@register.filter
def stage_label(value):
    """The label of a stage code from an annotation such as stage_on_date; '' for none."""
    return Stage(value).label if value is not None else ""
