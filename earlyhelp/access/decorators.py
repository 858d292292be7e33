"""Every project view declares whether it serves personal data. The URL-walking test
(earlyhelp/access/tests/test_url_matrix.py) fails for a view that declares nothing, and exercises every
personal-data view across the role x relationship matrix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

View = TypeVar("View", bound=Callable[..., Any])


def personal_data(*, record_param: str | None = None) -> Callable[[View], View]:
    """Marks a view that reads personal data. It must read through an access_* selector (which checks the
    policy, answers 404 and writes the access event); `record_param` names the URL argument of the record."""

    def mark(view: View) -> View:
        view.personal_data = True  # type: ignore[attr-defined]
        view.record_param = record_param  # type: ignore[attr-defined]
        return view

    return mark


def no_personal_data(view: View) -> View:
    view.personal_data = False  # type: ignore[attr-defined]
    return view
