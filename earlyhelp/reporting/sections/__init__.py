"""The report sections. Importing each module registers its metrics and its section (reporting.registry)."""

from earlyhelp.reporting.sections import (  # noqa: F401
    demand,
    equity,
    flow,
    outcomes,
    right_children,
    standards,
    timeliness,
    workforce,
)
