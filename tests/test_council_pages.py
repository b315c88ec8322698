"""Council meeting pages: meetings by year, and one meeting with its agenda and commitments."""

import pytest
from django.urls import reverse

from dossiers.models import AgendaItem, CouncilMeeting, Dossier, Mention, Stage

pytestmark = pytest.mark.django_db


def _informal_january_2024():
    return CouncilMeeting.objects.get(start_date="2024-01-25")


def test_meetings_are_listed_by_year(seeded, reader_client):
    response = reader_client.get(reverse("dossiers:meeting_list"))
    assert response.context["years"] == [2024, 2023, 2022, 2021]
    html = response.content.decode()
    assert html.index("Informele JBZ-Raad 25-26 januari 2024") < html.index(
        "JBZ-Raad 9-10 juni 2022"
    )

    only_2023 = reader_client.get(reverse("dossiers:meeting_list"), {"year": 2023})
    assert {m.start_date.year for m in only_2023.context["meetings"]} == {2023}
    assert len(only_2023.context["meetings"]) == 4


@pytest.mark.parametrize("year", ["0", "99999", "twee", "2023.5"])
def test_a_bad_year_is_reported_not_a_crash(seeded, reader_client, year):
    response = reader_client.get(reverse("dossiers:meeting_list"), {"year": year})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert len(response.context["meetings"]) == 0


def test_meeting_page_shows_agenda_by_section_with_stage_on_the_day(seeded, reader_client):
    meeting = _informal_january_2024()
    response = reader_client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Brussel" in html and "België" in html
    assert html.index("<h3>Binnenlandse Zaken</h3>") < html.index("<h3>Justitie</h3>")
    for item in AgendaItem.objects.filter(meeting=meeting):
        assert item.title in html
    items = {item.number: item for item in response.context["agenda_items"]}
    dossiers = {dossier.slug: dossier for item in items.values() for dossier in item.dossiers}
    assert dossiers, "the agenda links the dossiers discussed"
    for dossier in dossiers.values():
        expected = Dossier.objects.with_stage_on(meeting.end_date).get(pk=dossier.pk).stage_on_date
        assert dossier.stage_on_date == expected
    pact = dossiers.get("asiel-en-migratiepact")
    if pact is not None:
        assert pact.stage_on_date == Stage.PROVISIONAL_AGREEMENT


def test_meeting_page_lists_documents_and_commitments(seeded, reader_client):
    meeting = _informal_january_2024()
    response = reader_client.get(meeting.get_absolute_url())
    html = response.content.decode()
    assert "Kamerstukken II 2023/24, 32 317, nr. 867" in html  # the annotated agenda's letter
    made = {c.subject for c in response.context["commitments_made"]}
    assert "Lanceringsbijeenkomst Europese Havenalliantie" in made
    fulfilled = {c.subject for c in response.context["commitments_fulfilled"]}
    assert "Bedragen voorschotregeling voor slachtoffers" in fulfilled
    assert [c.commitment.subject for c in response.context["standing_checks"]] == [
        "Mensenrechten in elk verslag van de JBZ-Raad"
    ]


def test_meeting_page_query_count_is_bounded(seeded, reader_client, django_assert_max_num_queries):
    meeting = _informal_january_2024()
    item = AgendaItem.objects.filter(meeting=meeting).first()
    for dossier in Dossier.objects.all()[:20]:
        Mention.objects.get_or_create(meeting=meeting, agenda_item=item, dossier=dossier)
    with django_assert_max_num_queries(16):
        response = reader_client.get(meeting.get_absolute_url())
    assert len(response.context["agenda_items"][0].dossiers) >= 20


def test_unknown_meeting_is_a_404(seeded, reader_client):
    assert reader_client.get("/raden/99999/").status_code == 404


def test_what_the_seeds_do_not_give_is_shown_as_unknown(seeded, reader_client):
    march = CouncilMeeting.objects.get(start_date="2024-03-04")
    assert march.location == ""
    listing = reader_client.get(reverse("dossiers:meeting_list"), {"year": 2024})
    row = listing.content.decode().split(march.get_absolute_url())[1].split("</tr>")[0]
    assert '<span class="unknown">onbekend</span></td>' in row
    october_2021 = CouncilMeeting.objects.get(start_date="2021-10-07")
    assert not october_2021.agenda_items.exists()
    page = reader_client.get(october_2021.get_absolute_url()).content.decode()
    assert "Agenda onbekend: geen van de vastgelegde documenten geeft de agenda" in page
    location = page.split("<dt>locatie</dt>")[1].split("</dd>")[0]
    assert "onbekend" in location


def test_every_document_links_to_its_official_publication(seeded, reader_client):
    meeting = CouncilMeeting.objects.get(start_date="2024-03-04")
    html = reader_client.get(meeting.get_absolute_url()).content.decode()
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-32317-872.html"' in html
    commitments = reader_client.get(reverse("dossiers:commitment_list")).content.decode()
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-32317-865.html"' in commitments
