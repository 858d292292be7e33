"""The pages render for the people who use them, with bounded queries."""

from __future__ import annotations

from django.urls import reverse

from earlyhelp.transitions import services


def test_the_episode_page_shows_every_timestamp(case, sign_in, django_assert_max_num_queries):
    step_up = services.step_up_request(
        user=case["lead"], episode=case["episode"], children=[case["maisie"]], reasons="Reasons", risks="Risks"
    )
    services.step_up_receive(user=case["front_door"], step_up=step_up)
    services.step_up_decide(user=case["front_door"], step_up=step_up, decision="back_to_early_help", reason="Advice")
    client = sign_in(case["manager"])
    url = reverse("transitions:episode", args=[case["episode"].pk])
    with django_assert_max_num_queries(40) as first:
        page = client.get(url).content.decode()
    assert step_up.reference in page
    assert "Received by children&#x27;s social care" in page
    assert "Back to early help, with advice" in page
    assert "Request a step-up" in page  # the last one was decided
    for _ in range(3):
        services.step_up_withdraw(
            user=case["lead"],
            step_up=services.step_up_request(
                user=case["lead"], episode=case["episode"], children=[case["noah"]], reasons="R", risks="R"
            ),
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_request_form_and_decision_pages_render(case, sign_in):
    form = sign_in(case["lead"]).get(reverse("transitions:step_up_new", args=[case["episode"].pk]))
    html = form.content.decode()
    assert "Will you stay involved alongside social care?" in html
    assert html.count("<h1") == 1
    step_up = services.step_up_request(
        user=case["lead"], episode=case["episode"], children=[case["maisie"]], reasons="Reasons", risks="Risks"
    )
    # One browser (the sign_in fixture's client): the lead first, then the front door.
    lead_detail = sign_in(case["lead"]).get(reverse("transitions:step_up_detail", args=[step_up.pk]))
    assert "Mark as received" not in lead_detail.content.decode()
    assert "Withdraw this step-up" in lead_detail.content.decode()
    front_door = sign_in(case["front_door"])
    detail = front_door.get(reverse("transitions:step_up_detail", args=[step_up.pk])).content.decode()
    assert "Mark as received" in detail
    assert "Record social care's decision" in detail
    decide = front_door.get(reverse("transitions:step_up_decide", args=[step_up.pk])).content.decode()
    assert "Strategy discussion (section 47)" in decide
    assert front_door.post(reverse("transitions:step_up_receive", args=[step_up.pk])).status_code == 302
    step_up.refresh_from_db()
    assert step_up.received_by == case["front_door"]
