"""The official sources, played by the kept responses of tests/source_responses/ (see its
README): `responses` answers the requests the app makes, as the documented servers would."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import responses
from django.test import override_settings

KEPT = Path(__file__).parent / "source_responses"
SRU = "https://repository.overheid.nl/sru"
TK_ROOT = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
EP_ROOT = "https://data.europarl.europa.eu/api/v2/"
XML_ROOT = "https://repository.overheid.nl/frbr/officielepublicaties/kst/"

# No waiting between requests in the tests.
QUICK = override_settings(SOURCE_MIN_INTERVAL_SECONDS=0, SOURCE_BACKOFF_SECONDS=0)


def kept(name):
    return (KEPT / name).read_bytes()


def kept_json(name):
    return json.loads(kept(name))


def query_of(request):
    return {key: values[0] for key, values in parse_qs(urlsplit(request.url).query).items()}


def serve_sru(mock, answers):
    """Answer SRU searches: `answers` maps a word of the CQL query ("32317",
    "kst-32317-842") to a kept file, or to a list of files, one per page."""

    def answer(request):
        query = query_of(request)
        for word, files in answers.items():
            if word in query["query"]:
                pages = files if isinstance(files, list) else [files]
                index = (int(query.get("startRecord", 1)) - 1) // int(query["maximumRecords"])
                return 200, {"Content-Type": "application/xml"}, kept(pages[index])
        return (
            200,
            {"Content-Type": "application/xml"},
            kept("officielebekendmakingen/identifier_none.xml"),
        )

    mock.add_callback(responses.GET, SRU, callback=answer)


def serve_publication_xml(mock, identifier, name=None, **options):
    dossier = identifier.split("-")[1]
    url = f"{XML_ROOT}{dossier}/{identifier}/1/xml/{identifier}.xml"
    if name is None and not options:
        options["body"] = kept(f"officielebekendmakingen/{identifier}.xml")
    elif name is not None:
        options["body"] = kept(name)
    mock.add(responses.GET, url, **options)
    return url


def serve_tweede_kamer(mock):
    """The JBZ committee debate and the two pages of commitments."""
    mock.add(
        responses.GET, f"{TK_ROOT}Activiteit", json=kept_json("tweedekamer/activiteit_jbz.json")
    )

    def commitments(request):
        page = "toezegging_page2.json" if "$skip" in query_of(request) else "toezegging_page1.json"
        return 200, {"Content-Type": "application/json"}, kept(f"tweedekamer/{page}")

    mock.add_callback(responses.GET, f"{TK_ROOT}Toezegging", callback=commitments)


def serve_europarl(mock, process_id="2099-0001", **options):
    url = f"{EP_ROOT}procedures/{process_id}/events"
    if not options:
        options["json"] = kept_json(f"europarl/events_{process_id}.json")
    mock.add(responses.GET, url, **options)
    return url
