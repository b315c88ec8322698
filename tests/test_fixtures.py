"""The seed fixtures: they load into an empty database, and every quote is in its source."""

import re

import pytest
from django.apps import apps
from django.core.management import call_command

from dossiers.models import (
    AgendaItem,
    Commitment,
    CouncilMeeting,
    Debate,
    DocumentImport,
    Dossier,
    DossierAlias,
    DueDateChange,
    FeedToken,
    Mention,
    Motion,
    MotionReport,
    ParliamentaryDocument,
    Person,
    ReminderSubscription,
    SourceProposal,
    SourceSync,
    StageEvent,
    StandingCommitmentCheck,
    Topic,
)

from .conftest import seed_text

pytestmark = pytest.mark.django_db

SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def _seed_texts(document):
    """The normalized text of the seed files a document was curated from (named in its notes)."""
    return [seed_text(name) for name in SEED_NAME.findall(document.notes)]


def _assert_quoted(passage, document, what):
    texts = _seed_texts(document)
    assert texts, f"{what}: document {document.pk} names no seed file in its notes"
    assert any(passage in text for text in texts), f"{what}: not verbatim in its seed: {passage!r}"


def _curated_models():
    """Every model of curated data: not the history tables, the import workflow, tokens, the
    records of the official sources' syncs, a user's reminder setting or the log of moved due
    dates (the seeds move none)."""
    return [
        model
        for model in apps.get_app_config("dossiers").get_models()
        if not model._meta.model_name.startswith("historical")
        and model
        not in (
            DocumentImport,
            FeedToken,
            SourceSync,
            SourceProposal,
            ReminderSubscription,
            DueDateChange,
        )
    ]


def test_every_domain_model_has_seed_data(seeded):
    empty = [model._meta.model_name for model in _curated_models() if not model.objects.exists()]
    assert empty == []


# What the five seeds hold, counted when they were curated (fixtures/README.md). A change here
# is a change to the curated record and should be deliberate.
SEED_COUNTS = {
    Person: 14,
    CouncilMeeting: 8,
    AgendaItem: 36,
    ParliamentaryDocument: 32,
    Topic: 9,
    Dossier: 45,
    DossierAlias: 91,
    StageEvent: 79,
    Mention: 65,
    Debate: 7,
    Commitment: 13,
    StandingCommitmentCheck: 1,
    Motion: 4,
    MotionReport: 4,
}


def test_counts_per_model(seeded):
    assert {model.__name__: model.objects.count() for model in SEED_COUNTS} == {
        model.__name__: count for model, count in SEED_COUNTS.items()
    }


def test_counts_cover_every_domain_model():
    assert set(_curated_models()) == set(SEED_COUNTS)


def test_loading_twice_creates_nothing_new(seeded):
    counts = {
        model: model.objects.count() for model in apps.get_app_config("dossiers").get_models()
    }
    call_command("load_seed", verbosity=0)
    for model, count in counts.items():
        if not model._meta.model_name.startswith("historical"):
            assert model.objects.count() == count, model


def test_loading_again_keeps_what_editors_changed_unless_reloaded(seeded):
    """`make run` loads the seed every time it starts: an editor's changes to seeded rows must
    survive that; --reload puts the fixtures' values back on purpose."""
    apr = Dossier.objects.get(slug="asielprocedureverordening")
    seeded_title = apr.title
    apr.title = "Asielprocedureverordening (titel aangepast door redacteur)"
    apr.save()

    call_command("load_seed", verbosity=0)
    assert Dossier.objects.get(pk=apr.pk).title == apr.title

    call_command("load_seed", "--reload", verbosity=0)
    assert Dossier.objects.get(pk=apr.pk).title == seeded_title


def test_learned_aliases_are_added_by_name_and_keep_an_editors_aliases(seeded):
    """Added by name, not primary key: an editor's own alias stays, and one that spells a
    learned alias in another case stands for it."""
    apr = Dossier.objects.get(slug="asielprocedureverordening")
    title = "gemeenschappelijke procedure voor internationale bescherming"
    DossierAlias.objects.filter(alias=f"Verordening tot vaststelling van een {title}").delete()
    own = DossierAlias.objects.create(dossier=apr, alias="Procedureverordening (eigen alias)")
    DossierAlias.objects.create(dossier=apr, alias=f"verordening tot vaststelling van een {title}")

    call_command("load_seed", verbosity=0)

    assert DossierAlias.objects.get(pk=own.pk).alias == "Procedureverordening (eigen alias)"
    assert list(
        DossierAlias.objects.filter(alias__iendswith=title).values_list("alias", flat=True)
    ) == [f"verordening tot vaststelling van een {title}"]


def test_every_loaded_record_is_valid(seeded):
    for model in apps.get_app_config("dossiers").get_models():
        if model._meta.model_name.startswith("historical"):
            continue
        for instance in model.objects.all():
            instance.full_clean()


def test_stage_event_and_mention_passages_are_verbatim(seeded):
    for record in [*StageEvent.objects.all(), *Mention.objects.all()]:
        if record.source_passage:
            assert record.source_document, f"{record} quotes without a source document"
            _assert_quoted(record.source_passage, record.source_document, record)


def test_commitment_passages_are_verbatim(seeded):
    for commitment in Commitment.objects.all():
        if commitment.fulfilment_passage:
            _assert_quoted(
                commitment.fulfilment_passage, commitment.fulfilled_by_document, commitment
            )
        if commitment.made_in_passage:
            _assert_quoted(commitment.made_in_passage, commitment.made_in_document, commitment)
    for check in StandingCommitmentCheck.objects.all():
        _assert_quoted(check.passage, check.document, check)
    for report in MotionReport.objects.all():
        _assert_quoted(report.passage, report.document, report)


def test_main_results_are_verbatim(seeded):
    for item in AgendaItem.objects.exclude(main_result=""):
        sources = ParliamentaryDocument.objects.filter(meetings=item.meeting).exclude(notes="")
        texts = [text for document in sources for text in _seed_texts(document)]
        assert any(item.main_result in text for text in texts), item
