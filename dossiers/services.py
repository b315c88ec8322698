"""Operations that change several records together, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Commitment, DueDateChange, StandingCommitmentCheck


@transaction.atomic
def fulfil_commitment(
    commitment, *, document, passage, fulfilled_on=None, partly=False, expected_version=None
):
    """Record that `document` fulfils `commitment`, quoting `passage`.

    A standing commitment gets a check for this report and stays open. Fulfilling an already
    fulfilled commitment by the same document changes nothing, so a double submit records once.
    With `expected_version` (the version the officer saw), a one-off commitment changed since
    then is refused with ConflictError. Returns the commitment as stored.
    """
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if expected_version is None:
        expected_version = commitment.version
    if not passage.strip():
        raise ValidationError(
            _("Quote the passage that fulfils the commitment."), code="empty_passage"
        )
    if commitment.fulfilment_mode == Commitment.FulfilmentMode.STANDING:
        StandingCommitmentCheck.objects.get_or_create(
            commitment=commitment, document=document, defaults={"passage": passage}
        )
        return commitment
    if commitment.status == Commitment.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn commitment cannot be fulfilled."), code="withdrawn")
    if (
        commitment.status == Commitment.Status.FULFILLED
        and commitment.fulfilled_by_document_id == document.pk
    ):
        return commitment
    fulfilled_on = fulfilled_on or document.date
    if fulfilled_on is None:
        raise ValidationError(
            _("The document has no date; give the date on which the commitment was fulfilled."),
            code="undated_document",
        )
    commitment.status = (
        Commitment.Status.PARTLY_FULFILLED if partly else Commitment.Status.FULFILLED
    )
    commitment.fulfilled_by_document = document
    commitment.fulfilment_passage = passage
    commitment.fulfilled_on = fulfilled_on
    commitment.full_clean()
    commitment.save_if_version(expected_version)
    return commitment


@transaction.atomic
def move_due_date(commitment, *, new_date, reason, user=None, expected_version=None):
    """Give an open commitment a new due date, keeping the old one and the reason.

    A commitment due in a Council's report becomes due by that date (the report's meeting is
    its old date); one due by letter stays so, with the new date. ValidationError when the
    commitment is not open, the date is the same, or no reason is given; ConflictError (as for
    tick-off) when it changed since the officer saw version `expected_version`.
    """
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if expected_version is None:
        expected_version = commitment.version
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the due date moves."), code="no_reason")
    if commitment.status != Commitment.Status.OPEN:
        raise ValidationError(_("Only an open commitment gets a new due date."), code="closed")
    if commitment.fulfilment_mode == Commitment.FulfilmentMode.STANDING:
        raise ValidationError(
            _("A standing commitment is due in every report; it has no due date."),
            code="standing",
        )
    if new_date == commitment.due_date:
        raise ValidationError(_("This is the due date it has."), code="same_date")
    DueDateChange.objects.create(
        commitment=commitment,
        old_date=commitment.due_on,
        new_date=new_date,
        reason=reason,
        changed_by=user,
    )
    commitment.due_date = new_date
    if commitment.fulfilment_mode == Commitment.FulfilmentMode.IN_REPORT:
        # No longer due in that report: due by the date. A letter stays a letter.
        commitment.fulfilment_mode = Commitment.FulfilmentMode.BY_DATE
        commitment.due_meeting = None
    commitment._change_reason = reason
    commitment._history_user = user
    commitment.full_clean()
    commitment.save_if_version(expected_version)
    return commitment
