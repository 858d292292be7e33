from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.thresholds.models import DocumentStatus, Indicator, Level, ThresholdDocument
from earlyhelp.thresholds.services import (
    threshold_document_create,
    threshold_document_new_version,
    threshold_document_publish,
    threshold_document_update,
    threshold_indicator_remove,
    threshold_indicator_save,
    threshold_level_remove,
    threshold_level_save,
)
from earlyhelp.thresholds.tests.factories import LevelFactory, ThresholdDocumentFactory, document_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def current():
    return ThresholdDocument.objects.get(status=DocumentStatus.PUBLISHED)


def contents(document):
    levels = document.levels.order_by("number").values_list("number", "name", "description", "expected_response")
    indicators = (
        Indicator.objects.filter(level__document=document)
        .order_by("level__number", "order", "pk")
        .values_list("level__number", "dimension", "text", "order")
    )
    return list(levels), list(indicators)


def test_a_new_version_copies_every_level_and_indicator(administrator, current):
    draft = threshold_document_new_version(user=administrator, source=current)

    assert draft.status == DocumentStatus.DRAFT
    assert draft.version == current.version + 1
    assert draft.created_from == current
    assert (draft.title, draft.summary) == (current.title, current.summary)
    assert contents(draft) == contents(current)
    assert len(contents(draft)[1]) == 59
    # New rows: decisions pointing at the old version's levels keep pointing at them.
    assert not set(draft.levels.values_list("pk", flat=True)) & set(current.levels.values_list("pk", flat=True))
    current.refresh_from_db()
    assert current.status == DocumentStatus.PUBLISHED


def test_a_new_version_is_recorded_in_history_with_its_author(administrator, current):
    draft = threshold_document_new_version(user=administrator, source=current)
    assert draft.history.get().history_user == administrator
    assert Level.history.filter(document_id=draft.pk, history_user=administrator).count() == 4


def test_publishing_supersedes_the_document_in_force(administrator, current):
    draft = threshold_document_new_version(user=administrator, source=current)

    published = threshold_document_publish(user=administrator, document=draft)

    current.refresh_from_db()
    assert published.status == DocumentStatus.PUBLISHED
    assert published.published_by == administrator
    assert published.published_at is not None
    assert current.status == DocumentStatus.SUPERSEDED
    assert current.superseded_at == published.published_at
    assert list(ThresholdDocument.objects.filter(status=DocumentStatus.PUBLISHED)) == [published]


def test_the_database_refuses_two_published_documents(current):
    with pytest.raises(IntegrityError), transaction.atomic():
        ThresholdDocumentFactory(status=DocumentStatus.PUBLISHED, published_at=timezone.now())


def test_only_a_draft_can_be_published(administrator, current):
    with pytest.raises(ValidationError, match="not a draft"):
        threshold_document_publish(user=administrator, document=current)


def test_a_draft_without_levels_or_with_gaps_cannot_be_published(administrator, current):
    empty = threshold_document_create(user=administrator, title="Empty")
    with pytest.raises(ValidationError, match="at least one level"):
        threshold_document_publish(user=administrator, document=empty)
    gappy = ThresholdDocumentFactory()
    LevelFactory(document=gappy, number=1)
    LevelFactory(document=gappy, number=3)
    with pytest.raises(ValidationError, match="no gaps"):
        threshold_document_publish(user=administrator, document=gappy)
    current.refresh_from_db()
    assert current.status == DocumentStatus.PUBLISHED


def test_a_published_document_cannot_be_changed_through_the_services(administrator, current):
    level = current.levels.get(number=2)
    indicator = level.indicators.first()
    with pytest.raises(ValidationError, match="cannot be changed"):
        threshold_document_update(user=administrator, document=current, title="New title", summary="")
    with pytest.raises(ValidationError, match="cannot be changed"):
        threshold_level_save(
            user=administrator,
            document=current,
            level=level,
            number=2,
            name="Renamed",
            description="x",
            expected_response="y",
        )
    with pytest.raises(ValidationError, match="cannot be changed"):
        threshold_level_save(
            user=administrator,
            document=current,
            level=None,
            number=5,
            name="New",
            description="x",
            expected_response="y",
        )
    with pytest.raises(ValidationError, match="cannot be changed"):
        threshold_indicator_save(
            user=administrator, level=level, indicator=indicator, dimension="PC.STABILITY", text="x"
        )
    with pytest.raises(ValidationError, match="cannot be changed"):
        threshold_indicator_save(user=administrator, level=level, indicator=None, dimension="PC.STABILITY", text="x")
    with pytest.raises(ValidationError, match="cannot be changed"):
        threshold_indicator_remove(user=administrator, indicator=indicator)
    with pytest.raises(ValidationError, match="cannot be changed"):
        threshold_level_remove(user=administrator, level=current.levels.get(number=1))
    level.refresh_from_db()
    assert level.name != "Renamed"
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_the_models_refuse_changes_to_a_published_document_by_any_path(current):
    level = current.levels.get(number=3)
    indicator = level.indicators.first()
    level.name = "Changed in the shell"
    with pytest.raises(ValidationError):
        level.save()
    with pytest.raises(ValidationError):
        level.delete()
    indicator.text = "Changed in the shell"
    with pytest.raises(ValidationError):
        indicator.save()
    with pytest.raises(ValidationError):
        Indicator(level=level, dimension="CDN.HEALTH", text="Added in the shell").save()
    with pytest.raises(ValidationError):
        indicator.full_clean()


def test_a_superseded_document_is_fixed_too(administrator, current):
    threshold_document_publish(
        user=administrator, document=threshold_document_new_version(user=administrator, source=current)
    )
    current.refresh_from_db()
    with pytest.raises(ValidationError):
        threshold_level_save(
            user=administrator,
            document=current,
            level=current.levels.get(number=1),
            number=1,
            name="Renamed",
            description="x",
            expected_response="y",
        )


def test_a_draft_is_edited_through_the_services(administrator):
    draft = threshold_document_create(user=administrator, title="Draft")
    level = threshold_level_save(
        user=administrator,
        document=draft,
        level=None,
        number=1,
        name="Universal",
        description="Needs met",
        expected_response="Universal services",
    )
    indicator = threshold_indicator_save(
        user=administrator, level=level, indicator=None, dimension="FEF.HOUSING", text="a"
    )
    indicator = threshold_indicator_save(
        user=administrator, level=level, indicator=indicator, dimension="FEF.INCOME", text="b", order=3
    )
    assert (indicator.dimension, indicator.text, indicator.order) == ("FEF.INCOME", "b", 3)
    threshold_document_update(user=administrator, document=draft, title="Renamed draft", summary="Intro")
    threshold_indicator_remove(user=administrator, indicator=indicator)
    assert not level.indicators.exists()
    threshold_level_remove(user=administrator, level=level)
    assert not draft.levels.exists()
    draft.refresh_from_db()
    assert draft.title == "Renamed draft"


def test_an_indicator_must_name_a_framework_dimension(administrator):
    level = document_with(levels=1, indicators_per_level=0).levels.get()
    with pytest.raises(ValidationError) as error:
        threshold_indicator_save(user=administrator, level=level, indicator=None, dimension="CDN.NOPE", text="x")
    assert "dimension" in error.value.message_dict


def test_two_levels_of_a_document_cannot_share_a_number(administrator):
    document = document_with(levels=2, indicators_per_level=0)
    with pytest.raises(ValidationError):
        threshold_level_save(
            user=administrator,
            document=document,
            level=None,
            number=2,
            name="Again",
            description="x",
            expected_response="y",
        )


def test_versions_are_numbered_in_sequence(administrator, current):
    first = threshold_document_create(user=administrator, title="A")
    second = threshold_document_new_version(user=administrator, source=current)
    assert (first.version, second.version) == (current.version + 1, current.version + 2)


@pytest.mark.parametrize("kind", ["practitioner", "admin_not_staff", "staff_not_admin"])
def test_only_administrators_of_reference_data_change_the_document(make_user, current, kind):
    user = make_user(roles.SYSTEM_ADMIN if kind == "admin_not_staff" else roles.PRACTITIONER)
    if kind == "staff_not_admin":
        user.is_staff = True
        user.save()
    with pytest.raises(PermissionDenied):
        threshold_document_new_version(user=user, source=current)
    with pytest.raises(PermissionDenied):
        threshold_document_publish(user=user, document=ThresholdDocumentFactory())
