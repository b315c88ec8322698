"""The real sources, asked once each: run with a network (`pytest -m live`); skipped without.

They check that each source still answers in the form the kept responses have, on a paper and
a procedure that will not change: Kamerstuk 32 317, nr. 867 and procedure 2022/0155(COD).
"""

import socket

import pytest

from dossiers.citations import parse_citation
from dossiers.sources import europarl, officielebekendmakingen, tweedekamer

pytestmark = pytest.mark.live


def _reachable(host):
    try:
        socket.create_connection((host, 443), timeout=3).close()
    except OSError:
        return False
    return True


def needs(host):
    return pytest.mark.skipif(not _reachable(host), reason=f"{host} cannot be reached")


@needs("repository.overheid.nl")
def test_the_official_publications_answer_with_a_kamerstuk():
    publication = officielebekendmakingen.publication(parse_citation("32317-867"))
    assert publication.identifier == "kst-32317-867"
    text = officielebekendmakingen.download_text(publication)
    assert "JBZ" in text


@needs("gegevensmagazijn.tweedekamer.nl")
def test_the_tweede_kamer_answers_with_committee_debates():
    debates = tweedekamer.committee_debates(("JBZ-Raad",))
    assert debates
    assert all(debate.number for debate in debates)


@needs("data.europarl.europa.eu")
def test_the_european_parliament_answers_with_procedure_events():
    events = europarl.events("2022/0155(COD)")
    assert events
    assert all(event.activity_type for event in events)
