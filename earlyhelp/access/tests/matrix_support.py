"""The actors of the role x relationship x action matrix and the helpers each app's rows use.

Each capability keeps its rows beside its code (`earlyhelp/<app>/tests/matrix.py`, a dict named ROWS);
`test_url_matrix.py` joins them and requests every personal-data URL as every actor.
"""

from __future__ import annotations

from typing import Any

# Who gets what. anonymous is redirected to sign in; "unrelated" is a practitioner with no relationship;
# "lead" leads the family's episode and has made a request for support (a draft and a sent one); "manager"
# manages the team the episode is allocated to; "taf_member" is a school nurse in the Team Around the Family,
# covered by consent.
ACTORS = (
    "anonymous",
    "unrelated",
    "lead",
    "taf_member",
    "front_door",
    "information_governance",
    "system_admin",
    "manager",
)


def expect(default: int, **granted: int) -> dict[str, int]:
    """Every actor gets `default` unless named; anonymous users are always sent to sign in."""
    return {actor: granted.get(actor, 302 if actor == "anonymous" else default) for actor in ACTORS}


def own_request(kwargs: Any) -> dict[str, Any]:
    """A page of a request for support: only the person who made it sees it ("lead" made the draft)."""
    return {"kwargs": kwargs, "expect": expect(404, lead=200)}


def episode_kwargs(ctx: dict[str, Any]) -> dict[str, int]:
    return {"episode_id": ctx["episode"].pk}


# Pages of an episode that every relationship to the family opens, the Team Around the Family member included.
EPISODE_VIEW = expect(404, lead=200, taf_member=200, front_door=200, manager=200)
# The whole case record: not a Team Around the Family member who has nothing more.
EPISODE_CASE = expect(404, lead=200, front_door=200, manager=200)
# Writing the case record: the lead practitioner, or a manager of the allocated team.
EPISODE_WRITE = expect(404, lead=200, manager=200)
# Management (approvals, sign-off): a manager of the allocated team.
EPISODE_MANAGE = expect(404, manager=200)
