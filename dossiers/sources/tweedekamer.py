"""Commitments (Toezegging) and committee debates (Activiteit) from the Tweede Kamer's open data.

The Tweede Kamer's OData API (gegevensmagazijn.tweedekamer.nl/OData/v4/2.0, documented on
opendata.tweedekamer.nl) is read with tkapi, which builds the queries and follows the pages
(`@odata.nextLink`); its requests go through this app's HTTP (dossiers/sources/http.py).

A Toezegging has the chamber's `Nummer` ("TZ202403-117"), `Tekst`, `Status`, the minister who
made it (`Naam` "Van Weel, D.M.", `Functie`, `Ministerie`), the date it is due
(`DatumNakoming`, "0001-01-01..." when none) and the letter that fulfilled it
(`KamerbriefNakoming`); expanded: the `Activiteit` it was made in (`Nummer`, `Soort`,
`Onderwerp`, `Datum`, `Voortouwnaam`) and the member and faction it was made to
(`ToegezegdAanPersoon`, `ToegezegdAanFractie`).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from tkapi.core import TKItem
from tkapi.filter import Filter
from tkapi.tkapi import TKApi

from ..models.sources import Source
from . import http

WHAT = Source.TWEEDE_KAMER.label


class _Api(TKApi):
    """tkapi's queries and paging, over this app's HTTP: timeouts, retries, a polite pace and
    an error an editor can read instead of a logged one."""

    @classmethod
    def _request_json(cls, url, params=None, max_items=None):
        url = url.strip()
        params = dict(params or {})
        if "$format" not in url:
            params["$format"] = "application/json;odata.metadata=full"
        if max_items is not None:
            params["$top"] = max_items
        if not url.lower().startswith(cls.api_root.lower()):
            url = cls.api_root + url
        page = http.get_json(url, params, what=WHAT)
        if not isinstance(page, dict) or not isinstance(page.get("value"), list):
            raise http.SourceError(
                _("%(what)s answered in a form the app does not know.") % {"what": WHAT}
            )
        return page


class _Toezegging(TKItem):
    type = "Toezegging"
    expand_params = ["Activiteit", "ToegezegdAanPersoon", "ToegezegdAanFractie"]


class _Activiteit(TKItem):
    type = "Activiteit"


@dataclass(frozen=True)
class ChamberDebate:
    number: str  # the chamber's "2024A01894"
    kind: str  # its Soort: "Commissiedebat", "Plenair debat (tweeminutendebat)" ...
    subject: str
    date: datetime.date | None
    committee: str


@dataclass(frozen=True)
class ChamberCommitment:
    number: str  # the chamber's "TZ202403-117"
    text: str
    status: str  # as the chamber gives it: "Openstaand", "Afgedaan" ...
    minister: str  # surname: "Van Weel"
    minister_title: str  # "Minister van Justitie en Veiligheid"
    member: str  # surname of the member it was made to, "" if none
    faction: str
    due_date: datetime.date | None
    debate: ChamberDebate | None


def _api():
    _Api.api_root = settings.OFFICIAL_SOURCES["tweedekamer"]
    return _Api


def commitments(ministries, since=None):
    """The commitments of ministers whose ministry's name holds one of `ministries`, changed
    since `since` (a datetime) when given."""
    query = Filter()
    query.add_filter_str(
        "(" + " or ".join(f"contains(Ministerie,'{Filter.escape(m)}')" for m in ministries) + ")"
    )
    if since is not None:
        query.add_filter_str(f"GewijzigdOp ge {_utc(since)}")
    return [_commitment(item.json) for item in _api().get_items(_Toezegging, filter=query)]


def committee_debates(words, since=None):
    """The committee debates whose subject holds one of `words` ("JBZ-Raad")."""
    query = Filter()
    query.add_filter_str("Soort eq 'Commissiedebat'")
    query.add_filter_str(
        "(" + " or ".join(f"contains(Onderwerp,'{Filter.escape(w)}')" for w in words) + ")"
    )
    if since is not None:
        query.add_filter_str(f"GewijzigdOp ge {_utc(since)}")
    return [_debate(item.json) for item in _api().get_items(_Activiteit, filter=query)]


def _utc(moment):
    """An aware datetime as OData's UTC literal: the Z means UTC, so Amsterdam time is
    converted first."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _commitment(data):
    number = _text(data, "Nummer")
    if not number:
        raise http.SourceError(_("%(what)s gave a commitment without a number.") % {"what": WHAT})
    person = data.get("ToegezegdAanPersoon") or {}
    faction = data.get("ToegezegdAanFractie") or {}
    activity = data.get("Activiteit")
    return ChamberCommitment(
        number=number,
        text=_text(data, "Tekst"),
        status=_text(data, "Status"),
        minister=_surname(data) or _text(data, "Naam").split(",")[0].strip(),
        minister_title=_text(data, "Functie"),
        member=_surname(person),
        faction=_text(faction, "Afkorting"),
        due_date=_date(data.get("DatumNakoming")),
        debate=_debate(activity) if isinstance(activity, dict) else None,
    )


def _debate(data):
    return ChamberDebate(
        number=_text(data, "Nummer"),
        kind=_text(data, "Soort"),
        subject=_text(data, "Onderwerp"),
        date=_date(data.get("Datum") or data.get("Aanvangstijd")),
        committee=_text(data, "Voortouwnaam"),
    )


def _surname(person):
    """ "Van der Burg" of a Persoon, or of the minister of a Toezegging: its prefix
    (Tussenvoegsel) and surname (Achternaam)."""
    prefix, surname = _text(person, "Tussenvoegsel"), _text(person, "Achternaam")
    if not surname:
        return ""
    return f"{prefix[:1].upper()}{prefix[1:]} {surname}" if prefix else surname


def _text(data, key):
    value = data.get(key) if isinstance(data, dict) else None
    return " ".join(str(value).split()) if value is not None else ""


def _date(text):
    """A date of the API; its "0001-01-01" means none."""
    return None if str(text).startswith("0001-01-01") else http.iso_date(text)
