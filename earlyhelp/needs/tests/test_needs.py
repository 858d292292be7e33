"""Identified needs: recording, archiving, suggestions from the assessment, the pages and their queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from earlyhelp.access import roles
from earlyhelp.closures.models import Closure, ClosureStatus, NeedOutcome
from earlyhelp.codes.models import Code
from earlyhelp.episodes.models import EpisodeStatus
from earlyhelp.needs.models import EpisodeNeed, NeedArea, ParentalRisk
from earlyhelp.needs.selectors import active_areas, episode_needs, parental_risks, suggested_areas
from earlyhelp.needs.services import need_archive, need_record

pytestmark = pytest.mark.django_db


def area(code: str) -> NeedArea:
    return NeedArea.objects.get(code=code)


def record(case, code="N06", children=(), description="Attendance 82% this term", user=None) -> EpisodeNeed:
    return need_record(
        user=user or case["lead"],
        episode=case["episode"],
        area=area(code),
        children=list(children),
        description=description,
    )


def test_eighteen_areas_are_loaded_with_headlines():
    assert NeedArea.objects.filter(active=True).count() == 18
    assert area("N08").sf_headline.code == "SF08"


def test_record_a_need_for_a_child(case):
    need = record(case, children=[case["maisie"]])
    assert need.identified_by == case["lead"]
    assert list(need.children.all()) == [case["maisie"]]
    assert episode_needs(case["episode"]) == [need]


def test_no_children_is_the_whole_family(case):
    assert record(case).children.count() == 0


def test_a_manager_records_a_need(case):
    assert record(case, user=case["manager"]).pk


def test_the_same_area_twice_is_refused(case):
    record(case)
    with pytest.raises(ValidationError) as error:
        record(case, description="Something else")
    assert "already recorded" in str(error.value)


def test_a_double_submit_creates_one_need(case):
    assert record(case) == record(case)
    assert EpisodeNeed.objects.count() == 1


def test_the_same_area_again_after_archiving(case):
    need = record(case)
    need_archive(user=case["lead"], need=need, reason="Recorded in error")
    assert record(case, description="Recorded properly").pk != need.pk


def test_description_is_required(case):
    with pytest.raises(ValidationError):
        record(case, description="  ")


def test_a_child_outside_the_episode_is_refused(case):
    with pytest.raises(ValidationError):
        record(case, children=[case["rachel"]])


@pytest.mark.parametrize("who", ["taf_member", "manager_of_nothing", "front_door"])
def test_only_the_lead_or_a_manager_records(case, make_user, who):
    user = {
        "taf_member": case["taf_member"],
        "manager_of_nothing": make_user(roles.PRACTITIONER),
        "front_door": make_user(roles.FRONT_DOOR),
    }[who]
    with pytest.raises(PermissionDenied):
        record(case, user=user)


def test_closed_episode_refuses_new_needs(case):
    case["episode"].status = EpisodeStatus.CLOSED
    case["episode"].save()
    with pytest.raises(ValidationError):
        record(case)


def test_archive_keeps_the_need_with_its_reason(case):
    need = record(case)
    archived = need_archive(user=case["lead"], need=need, reason="Recorded twice", loaded_version=need.version)
    assert archived.archived_at is not None
    assert archived.archive_reason == "Recorded twice"
    assert EpisodeNeed.objects.filter(pk=need.pk).exists()
    assert episode_needs(case["episode"]) == []


def test_archive_needs_a_reason(case):
    need = record(case)
    with pytest.raises(ValidationError):
        need_archive(user=case["lead"], need=need, reason="")


def test_archive_refused_once_the_need_has_a_closure_outcome(case):
    need = record(case)
    closure = Closure.objects.create(episode=case["episode"], status=ClosureStatus.DRAFT, requested_by=case["lead"])
    NeedOutcome.objects.create(closure=closure, need=need, improvement="some", evidence="Attendance 90%")
    with pytest.raises(ValidationError, match="outcome recorded at closure"):
        need_archive(user=case["lead"], need=need, reason="Done")


def test_parental_risks(case, family):
    record(case, "N08", description="Two incidents")
    record(case, "N10", description="Mum's low mood")
    record(case, "N06")
    assert parental_risks([case["episode"].pk, 0]) == {
        case["episode"].pk: {ParentalRisk.DOMESTIC_ABUSE, ParentalRisk.MENTAL_HEALTH},
        0: set(),
    }


def test_suggestions_from_the_assessment_factors(case):
    assessment = case["assessment"]
    factors = Code.objects.filter(list_name="cin_factor", code__in=["3B", "4B", "2B", "5A"])
    assert factors.count() == 4
    assessment.factors.set(factors)
    areas = active_areas()
    suggested = {s.area.code: s for s in suggested_areas(case["episode"], areas, set())}
    assert set(suggested) == {"N08", "N09", "N10"}
    assert "drug misuse" in suggested["N09"].factors[0]
    # An area already recorded is not suggested again.
    assert "N08" not in {s.area.code for s in suggested_areas(case["episode"], areas, {area("N08").pk})}


def test_suggestions_are_shown_not_saved(case, sign_in):
    case["assessment"].factors.set(Code.objects.filter(list_name="cin_factor", code="3B"))
    page = sign_in(case["lead"]).get(reverse("needs:add", args=[case["episode"].pk]))
    assert page.status_code == 200
    assert "Suggested from the assessment" in page.content.decode()
    assert not EpisodeNeed.objects.exists()


# Pages.


def test_add_page_records_a_need(case, sign_in):
    url = reverse("needs:add", args=[case["episode"].pk])
    data = {"area": str(area("N06").pk), "children": [str(case["maisie"].pk)], "description": "Attendance 82%"}
    response = sign_in(case["lead"]).post(url, data)
    assert response.status_code == 302
    need = EpisodeNeed.objects.get()
    assert list(need.children.all()) == [case["maisie"]]


def test_add_page_shows_errors(case, sign_in):
    record(case)
    http = sign_in(case["lead"])
    url = reverse("needs:add", args=[case["episode"].pk])
    empty = http.post(url, {})
    assert "Select an area of need" in empty.content.decode()
    assert "Enter what the need is" in empty.content.decode()
    twice = http.post(url, {"area": str(area("N06").pk), "description": "Another"})
    assert "already recorded" in twice.content.decode()
    assert "School attendance (already recorded)" in twice.content.decode()


def test_partner_gets_404_on_every_page(case, sign_in):
    need = record(case)
    http = sign_in(case["taf_member"])
    assert http.get(reverse("needs:list", args=[case["episode"].pk])).status_code == 404
    assert http.get(reverse("needs:add", args=[case["episode"].pk])).status_code == 404
    response = http.post(reverse("needs:archive", args=[case["episode"].pk, need.pk]), {"reason": "x"})
    assert response.status_code == 404


def test_front_door_views_but_does_not_add(case, sign_in, make_user):
    record(case)
    http = sign_in(make_user(roles.FRONT_DOOR))
    page = http.get(reverse("needs:list", args=[case["episode"].pk]))
    assert page.status_code == 200
    assert "School attendance" in page.content.decode()
    assert "Add a need" not in page.content.decode()
    assert http.get(reverse("needs:add", args=[case["episode"].pk])).status_code == 404


def test_archive_page(case, sign_in):
    need = record(case)
    http = sign_in(case["lead"])
    url = reverse("needs:archive", args=[case["episode"].pk, need.pk])
    assert http.get(url).status_code == 200
    assert "Enter why this need" in http.post(url, {"reason": ""}).content.decode()
    assert http.post(url, {"reason": "Recorded twice", "version": need.version}).status_code == 302
    need.refresh_from_db()
    assert need.archived_at is not None


def test_archive_page_with_a_stale_version(case, sign_in):
    need = record(case)
    url = reverse("needs:archive", args=[case["episode"].pk, need.pk])
    response = sign_in(case["lead"]).post(url, {"reason": "Recorded twice", "version": need.version + 1})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.archived_at is None


def test_a_need_of_another_episode_is_404(case, sign_in):
    need = record(case)
    url = reverse("needs:archive", args=[case["episode"].pk + 999, need.pk])
    assert sign_in(case["lead"]).post(url, {"reason": "x"}).status_code == 404


def test_list_shows_needs_and_the_supporting_families_panel(case, sign_in):
    record(case, children=[case["maisie"]])
    record(case, "N08", description="Two incidents")
    page = sign_in(case["lead"]).get(reverse("needs:list", args=[case["episode"].pk])).content.decode()
    assert "School attendance" in page
    assert "Maisie" in page
    assert "SF08" in page
    assert "Supporting Families" in page
    assert "Not eligible" in page


def test_list_queries_do_not_grow(case, sign_in, django_assert_max_num_queries):
    http = sign_in(case["lead"])
    url = reverse("needs:list", args=[case["episode"].pk])
    record(case, children=[case["maisie"]])
    http.get(url)
    with django_assert_max_num_queries(40) as few:
        http.get(url)
    for code in ("N08", "N10", "N12", "N13"):
        record(case, code, children=[case["maisie"], case["noah"]], description=f"Need {code}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert http.get(url).status_code == 200


def test_episode_needs_queries_are_fixed(case, django_assert_num_queries):
    for code in ("N06", "N08", "N10"):
        record(case, code, children=[case["maisie"]], description=f"Need {code}")
    with django_assert_num_queries(2):
        needs = episode_needs(case["episode"])
        assert [list(n.children.all()) for n in needs]
        assert [n.area.sf_headline for n in needs]
