"""Operations that change several records together, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Commitment, StandingCommitmentCheck


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
