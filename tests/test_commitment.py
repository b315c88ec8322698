import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dossiers.models import Commitment, ParliamentaryDocument, StandingCommitmentCheck
from dossiers.services import fulfil_commitment

d = datetime.date
pytestmark = pytest.mark.django_db


def test_fulfilled_needs_the_fulfilling_document(sample):
    commitment = sample["commitment"]
    commitment.status = Commitment.Status.FULFILLED
    commitment.fulfilled_on = d(2024, 3, 20)
    with pytest.raises(IntegrityError), transaction.atomic():
        commitment.save()


def test_fulfilment_date_is_the_documents_when_it_has_one(sample):
    commitment = sample["commitment"]
    commitment.status = Commitment.Status.FULFILLED
    commitment.fulfilled_by_document = sample["report"]
    commitment.full_clean()
    assert commitment.fulfilled_on == d(2024, 3, 20)


def test_fulfilment_date_stays_empty_when_the_document_has_none(sample):
    # Published reports do not always print their date; none is invented.
    undated = ParliamentaryDocument.objects.create(document_type="verslag", title="Verslag")
    commitment = sample["commitment"]
    commitment.status = Commitment.Status.FULFILLED
    commitment.fulfilled_by_document = undated
    commitment.full_clean()
    commitment.save()
    assert commitment.fulfilled_on is None
    assert not commitment.is_overdue(on=d(2030, 1, 1))


def test_open_commitment_has_no_fulfilment_date(sample):
    commitment = sample["commitment"]
    commitment.fulfilled_on = d(2024, 3, 20)
    with pytest.raises(IntegrityError), transaction.atomic():
        commitment.save()


def test_standing_commitment_is_never_closed(sample):
    standing = sample["standing"]
    standing.status = Commitment.Status.FULFILLED
    standing.fulfilled_by_document = sample["report"]
    standing.fulfilled_on = d(2024, 3, 20)
    with pytest.raises(IntegrityError), transaction.atomic():
        standing.save()


def test_in_report_needs_the_meeting(sample):
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(
            subject="x", text="x", debate=sample["debate"], fulfilment_mode="in_report"
        )


def test_commitment_needs_an_origin(sample):
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(subject="x", text="x", fulfilment_mode="by_letter")


def test_clean_message_for_a_fulfilment_before_it_was_made(sample):
    commitment = sample["commitment"]
    commitment.status = Commitment.Status.FULFILLED
    commitment.fulfilled_by_document = sample["report"]
    commitment.fulfilled_on = d(2024, 1, 1)
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert "fulfilled_on" in error.value.message_dict


def test_overdue_once_the_due_report_has_been_sent(sample):
    commitment = sample["commitment"]
    # The report of 4-5 March is dated 20 March 2024.
    assert not commitment.is_overdue(on=d(2024, 3, 19))
    assert commitment.is_overdue(on=d(2024, 3, 20))
    assert list(Commitment.objects.overdue(d(2024, 3, 21))) == [commitment]
    annotated = {c.pk: c.overdue for c in Commitment.objects.with_overdue(d(2024, 3, 21))}
    assert annotated == {commitment.pk: True, sample["standing"].pk: False}


def test_due_soon_leaves_out_what_is_overdue_already(sample):
    """A report sent on the Council's last day makes what is due in it overdue that day: the
    start page and the digest list it once, as overdue, not as due soon as well."""
    commitment = sample["commitment"]
    ParliamentaryDocument.objects.filter(
        document_type=ParliamentaryDocument.DocumentType.REPORT
    ).update(date=d(2024, 3, 5))
    march_5, a_week_later = d(2024, 3, 5), d(2024, 3, 12)

    assert list(Commitment.objects.overdue(march_5)) == [commitment]
    assert list(Commitment.objects.due_soon(march_5, a_week_later)) == []
    assert list(Commitment.objects.due_soon(d(2024, 3, 4), a_week_later)) == [commitment]


def test_due_in_the_report_being_written_after_the_council_until_it_is_sent(sample):
    """The Council of 4-5 March has ended and its report (dated 20 March) is being written:
    what is due in it is due now, on the start page and in the digest, not in neither list."""
    commitment = sample["commitment"]
    a_week_later = d(2024, 3, 19)

    assert list(Commitment.objects.due_soon(d(2024, 3, 12), a_week_later)) == [commitment]
    assert list(Commitment.objects.overdue(d(2024, 3, 12))) == []
    # Once the report is out it is overdue, and no longer due soon.
    assert list(Commitment.objects.due_soon(d(2024, 3, 20), d(2024, 3, 27))) == []
    assert list(Commitment.objects.overdue(d(2024, 3, 20))) == [commitment]


def test_overdue_by_date(sample):
    commitment = Commitment.objects.create(
        subject="Brief over e-evidence",
        text="x",
        debate=sample["debate"],
        fulfilment_mode="by_date",
        due_date=d(2024, 6, 1),
    )
    assert not commitment.is_overdue(on=d(2024, 6, 1))
    assert commitment.is_overdue(on=d(2024, 6, 2))


def test_overdue_as_on_an_earlier_day_is_what_was_open_and_made_then(sample):
    """The rappel list and the start page "as on" a day list what was open then: a commitment
    fulfilled later was still open, one made later did not exist yet."""
    late = Commitment.objects.create(
        subject="Brief over e-evidence",
        text="x",
        debate=sample["debate"],  # 29 February 2024
        fulfilment_mode="by_date",
        due_date=d(2024, 3, 1),
    )
    letter = ParliamentaryDocument.objects.create(
        document_type=ParliamentaryDocument.DocumentType.LETTER,
        date=d(2024, 4, 10),
        title="Brief over e-evidence",
    )
    fulfil_commitment(late, document=letter, passage="Met deze brief ...")

    assert late in Commitment.objects.overdue(d(2024, 4, 1))
    assert late not in Commitment.objects.overdue(d(2024, 4, 11))
    # Before the debate of 29 February the commitment had not been made.
    assert late not in Commitment.objects.due_soon(d(2024, 2, 20), d(2024, 3, 20))
    assert late in Commitment.objects.due_soon(d(2024, 2, 29), d(2024, 3, 20))


def test_standing_commitments_are_never_overdue(sample):
    assert not sample["standing"].is_overdue(on=d(2030, 1, 1))


def test_fulfil_commitment_records_document_passage_and_date(sample):
    commitment = fulfil_commitment(
        sample["commitment"],
        document=sample["report"],
        passage="Conform de toezegging aan lid Piri",
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.fulfilled_by_document == sample["report"]
    assert commitment.fulfilled_on == d(2024, 3, 20)
    assert commitment.fulfilment_passage == "Conform de toezegging aan lid Piri"
    assert not commitment.is_overdue(on=d(2024, 4, 1))


def test_fulfilling_twice_records_once(sample):
    for _ in range(2):
        fulfil_commitment(sample["commitment"], document=sample["report"], passage="p")
    assert sample["commitment"].history.filter(status="fulfilled").count() == 1


def test_standing_commitment_gets_a_check_per_report(sample):
    other_report = ParliamentaryDocument.objects.create(
        document_type="verslag", title="Verslag JBZ-Raad juni", date=d(2024, 6, 20)
    )
    for _ in range(2):
        fulfil_commitment(sample["standing"], document=other_report, passage="mensenrechten")
    standing = Commitment.objects.get(pk=sample["standing"].pk)
    assert standing.status == Commitment.Status.OPEN
    assert StandingCommitmentCheck.objects.filter(commitment=standing).count() == 2


def test_fulfil_refuses_an_undated_document_without_a_date(sample):
    undated = ParliamentaryDocument.objects.create(document_type="brief", title="Brief")
    with pytest.raises(ValidationError) as error:
        fulfil_commitment(sample["commitment"], document=undated, passage="p")
    assert error.value.code == "undated_document"
    sample["commitment"].refresh_from_db()
    assert sample["commitment"].status == Commitment.Status.OPEN


def test_fulfil_refuses_an_empty_passage(sample):
    with pytest.raises(ValidationError) as error:
        fulfil_commitment(sample["commitment"], document=sample["report"], passage="  ")
    assert error.value.code == "empty_passage"
