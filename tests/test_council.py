import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from dossiers.models import AgendaItem, CouncilMeeting, Mention, Motion

d = datetime.date
pytestmark = pytest.mark.django_db


def test_meeting_cannot_end_before_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilMeeting.objects.create(start_date=d(2024, 3, 5), end_date=d(2024, 3, 4))


def test_meeting_clean_message(db):
    meeting = CouncilMeeting(start_date=d(2024, 3, 5), end_date=d(2024, 3, 4))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "cannot end before it starts" in str(error.value) or "eindigen" in str(error.value)


def test_meeting_names(sample):
    informal = CouncilMeeting.objects.create(
        is_informal=True, start_date=d(2024, 1, 25), end_date=d(2024, 1, 26), location="Brussel"
    )
    with translation.override("nl"):
        assert str(sample["meeting"]) == "JBZ-Raad 4-5 maart 2024"
        assert str(informal).endswith("JBZ-Raad 25-26 januari 2024")


def test_agenda_item_numbers_are_unique_per_section(sample):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=sample["meeting"], section="bz", number=6, title="x")
    AgendaItem.objects.create(meeting=sample["meeting"], section="justitie", number=6, title="y")


def test_mention_item_must_belong_to_its_meeting(sample):
    other = CouncilMeeting.objects.create(start_date=d(2024, 6, 13), end_date=d(2024, 6, 14))
    mention = Mention(meeting=other, agenda_item=sample["item"], dossier=sample["apr"])
    with pytest.raises(ValidationError) as error:
        mention.full_clean()
    assert "agenda_item" in error.value.message_dict


def test_upcoming_and_past_meetings(sample):
    assert list(CouncilMeeting.objects.upcoming(d(2024, 3, 5))) == [sample["meeting"]]
    assert list(CouncilMeeting.objects.past(d(2024, 3, 6))) == [sample["meeting"]]


def test_rejected_motion_is_not_executed(sample):
    motion = sample["motion"]
    motion.outcome = Motion.Outcome.REJECTED
    motion.execution = Motion.Execution.EXECUTED
    with pytest.raises(IntegrityError), transaction.atomic():
        motion.save()


def test_debate_without_a_known_date(db):
    from dossiers.models import Debate

    debate = Debate.objects.create(
        kind=Debate.Kind.COMMITTEE_DEBATE, subject="voorafgaand aan de informele JBZ-Raad"
    )
    assert str(debate) == "Commissiedebat voorafgaand aan de informele JBZ-Raad"
