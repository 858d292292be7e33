from __future__ import annotations

from earlyhelp.frontdoor.quality import check_referral_quality
from earlyhelp.frontdoor.tests.factories import RequestChildFactory, SupportRequestFactory


def features(request):
    return {f.key: f.met for f in check_referral_quality(request)}


def test_an_empty_request_meets_none_of_the_eight_features(db):
    request = SupportRequestFactory()
    result = features(request)
    assert len(result) == 8
    assert not any(result.values())


def test_each_feature_is_computed_from_the_answers(db):
    request = SupportRequestFactory(
        concerns="Both children have missed school most Mondays since the autumn half term.",
        tried_before="School attendance officer met mum twice in October and November this year.",
        tried_outcome="Better for two weeks, then back to missing Mondays.",
        strengths="Mum is warm with the children and asked for help herself.",
        parents_aware="yes",
        consent="given",
        professional_views="Health visitor: baby thriving, mum low in mood.",
        interpreter_needed="no",
    )
    RequestChildFactory(request=request)
    result = features(request)
    assert {k for k, met in result.items() if not met} == {"threshold"}


def test_impact_must_be_described_for_every_child(db):
    request = SupportRequestFactory()
    RequestChildFactory(request=request)
    RequestChildFactory(request=request, impact="")
    assert features(request)["impact_each_child"] is False


def test_consent_not_given_counts_when_the_reason_is_recorded(db):
    request = SupportRequestFactory(parents_aware="no", consent="not_asked")
    assert features(request)["consent"] is False
    request.consent_reason = "Mother's partner is the alleged perpetrator; asking would put the children at risk."
    assert features(request)["consent"] is True
