"""The register as a django-tables2 table, sortable and exportable."""

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from django.utils.functional import lazy
from django.utils.hashable import make_hashable
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableQuerysetData
from django_tables2.rows import BoundRow
from django_tables2.utils import A, signature

from .models import Dossier, Stage

MISSING = object()

# Headers start with a capital in the page and in the CSV and Excel downloads alike.
heading = lazy(capfirst, str)


class DossierTable(tables.Table):
    # Names the box the table scrolls in (templates/dossiers/_table.html).
    caption = _("Dossier register")

    title = tables.Column(
        verbose_name=heading(_("title")), linkify=True, attrs={"td": {"class": "title"}}
    )
    short_name = tables.Column(verbose_name=heading(_("short name")))
    instrument_type = tables.Column(verbose_name=heading(_("instrument type")))
    policy_area = tables.Column(verbose_name=heading(_("policy area")))
    current_stage = tables.Column(verbose_name=heading(_("current stage")), default="—")
    current_stage_date = tables.Column(verbose_name=heading(_("since")), default="—")
    # Names annotated by Dossier.objects.with_names_for_lists().
    parent = tables.Column(
        verbose_name=heading(_("package")),
        accessor="package_name",
        default="",
        order_by=("parent__title",),
    )
    responsible_officer = tables.Column(
        verbose_name=heading(_("responsible officer")),
        accessor="officer_name",
        default="",
        order_by=("responsible_officer__username",),
    )
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
        # On a phone the rows become cards (.stack) and the headers a row of links to sort by.
        attrs = {"class": "register stack", "thead": {"data-label": _("Sort by")}}
        empty_text = _("No dossiers match these filters.")

    def render_current_stage(self, value):
        return Stage(value).label

    def value_current_stage(self, value):
        return Stage(value).label if value is not None else ""

    def render_current_stage_date(self, record):
        return record.current_stage_since

    def value_current_stage_date(self, value):
        return value.isoformat() if value else ""

    def value_title(self, record):
        return record.title

    def as_values(self, exclude_columns=None):
        """The rows of the CSV and Excel downloads, exactly as django-tables2 computes them.

        django-tables2 inspects the value method's signature and rebuilds the choice labels for
        every cell: over a second for the whole register. Here both are worked out once per
        column and applied to each record.
        """
        exclude_columns = exclude_columns or ()
        columns = [
            column
            for column in self.columns.iterall()
            if not (column.column.exclude_from_export or column.name in exclude_columns)
        ]
        yield [force_str(column.header, strings_only=True) for column in columns]
        cells = [self._cell_value(column) for column in columns]
        for record in self.data:
            yield [force_str(cell(record), strings_only=True) for cell in cells]

    def _cell_value(self, bound_column):
        """record -> the value BoundRow.get_cell_value gives for this column."""
        column = bound_column.column
        accessor = A(bound_column.accessor)
        try:
            field = self._meta.model._meta.get_field(accessor) if len(accessor.bits) == 1 else None
        except FieldDoesNotExist:
            field = None
        if field is not None and field.choices:
            # What Model.get_FOO_display() returns, translated once instead of per record.
            labels = {
                key: force_str(label, strings_only=True)
                for key, label in dict(make_hashable(field.flatchoices)).items()
            }

            def read(record):
                value = getattr(record, field.attname)
                return labels.get(make_hashable(value), force_str(value, strings_only=True))

        elif field is not None:

            def read(record):
                return getattr(record, field.name)

        else:
            # An annotation such as current_stage: an attribute of the record. Accessor.resolve()
            # tries record[name] first, and raising and catching that costs more than the read.
            name = accessor.bits[0] if len(accessor.bits) == 1 else None

            def read(record):
                value = getattr(record, name, MISSING) if name else MISSING
                if value is not MISSING and not callable(value):
                    return value
                try:
                    return accessor.resolve(record)
                except Exception:
                    return None

        value_method = bound_column.value
        arguments, catch_all = signature(value_method)
        arguments = tuple(arguments)
        if (
            getattr(value_method, "__func__", None) is tables.Column.value
            and type(column).render is tables.Column.render
        ):
            transform = None  # a plain column exports its value as it is
        elif not catch_all and arguments in (("value",), ("record",)):
            # value_FOO(self, value) or value_FOO(self, record), as the register's are.
            argument = arguments[0]

            def transform(record, value):
                return value_method(**{argument: value if argument == "value" else record})

        else:

            def transform(record, value):
                given = {
                    "value": value,
                    "record": record,
                    "column": column,
                    "bound_column": bound_column,
                    "table": self,
                }
                if catch_all or "bound_row" in arguments:
                    given["bound_row"] = BoundRow(record, table=self)
                if not catch_all:
                    given = {key: given[key] for key in arguments if key in given}
                    if len(given) < len(arguments):
                        return None
                return value_method(**given)

        def cell(record):
            value = read(record)
            if value in column.empty_values:
                return None
            return value if transform is None else transform(record, value)

        return cell


class KeysFirstQuerysetData(TableQuerysetData):
    """Table data whose page is chosen by its keys, and only its rows read in full.

    PostgreSQL computes the whole select list, here the three current-stage subqueries, also
    for the rows an OFFSET skips: page 50 paid for 2,450 dossiers. As `pk IN (the page's keys)`
    the OFFSET runs over the order's index alone, in the same single query. The key breaks
    ties, so that dossiers of the same title or stage fall on one page and one only.
    """

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return super().__getitem__(key)
        ordering = [*(self.data.query.order_by or self.data.model._meta.ordering), "pk"]
        ordered = self.data.order_by(*ordering)
        return ordered.filter(pk__in=ordered.values("pk")[key])
