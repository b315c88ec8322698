"""The register as a django-tables2 table, sortable and exportable."""

import django_tables2 as tables
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Dossier, Stage

# Headers start with a capital in the page and in the CSV and Excel downloads alike.
heading = lazy(capfirst, str)


class DossierTable(tables.Table):
    title = tables.Column(
        verbose_name=heading(_("title")), linkify=True, attrs={"td": {"class": "title"}}
    )
    short_name = tables.Column(verbose_name=heading(_("short name")))
    instrument_type = tables.Column(verbose_name=heading(_("instrument type")))
    policy_area = tables.Column(verbose_name=heading(_("policy area")))
    current_stage = tables.Column(verbose_name=heading(_("current stage")), default="—")
    current_stage_date = tables.Column(verbose_name=heading(_("since")), default="—")
    parent = tables.Column(
        verbose_name=heading(_("package")), default="", order_by=("parent__title",)
    )
    responsible_officer = tables.Column(verbose_name=heading(_("responsible officer")), default="")
    slug = tables.Column(visible=False)

    class Meta:
        model = Dossier
        fields = ()
        sequence = (
            "title",
            "short_name",
            "instrument_type",
            "policy_area",
            "current_stage",
            "current_stage_date",
            "parent",
            "responsible_officer",
        )
        order_by = ("title",)
        attrs = {"class": "register"}
        empty_text = _("No dossiers match these filters.")

    def render_current_stage(self, value):
        return Stage(value).label

    def value_current_stage(self, value):
        return Stage(value).label if value is not None else ""

    def render_current_stage_date(self, record):
        return record.current_stage_since

    def value_current_stage_date(self, value):
        return value.isoformat() if value else ""

    def render_parent(self, value):
        return value.short_name or value.title

    def value_title(self, record):
        return record.title
