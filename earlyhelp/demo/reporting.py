"""Reference data the demo's partnership reports need: a population denominator for the equity tables and
training records for the workforce report. Synthetic figures for the fictional county of Northshire, in the
shape of an ONS mid-year estimate for about 62,000 children."""

from __future__ import annotations

import random
from datetime import date, timedelta

from earlyhelp.organisations.models import Agency, PractitionerProfile, TrainingCourse, TrainingRecord
from earlyhelp.reporting.models import Characteristic, PopulationEstimate

CHILDREN = 62_000
SOURCE = "Synthetic, in the shape of ONS mid-year estimates (demo data)"
# Shares of the child population (they need not add up exactly: each is rounded on its own).
SHARES: dict[str, dict[str, float]] = {
    Characteristic.SEX: {"M": 0.512, "F": 0.488},
    Characteristic.AGE_BAND: {"under_5": 0.26, "primary": 0.35, "secondary": 0.28, "post_16": 0.11},
    Characteristic.ETHNICITY: {
        "WBRI": 0.74,
        "WIRI": 0.005,
        "WOTH": 0.045,
        "WROM": 0.004,
        "MWBC": 0.02,
        "MWBA": 0.008,
        "MWAS": 0.015,
        "MOTH": 0.017,
        "AIND": 0.025,
        "APKN": 0.035,
        "ABAN": 0.012,
        "AOTH": 0.012,
        "BCRB": 0.008,
        "BAFR": 0.02,
        "BOTH": 0.004,
        "CHNE": 0.005,
        "OOTH": 0.01,
    },
    Characteristic.DISABILITY: {
        "NONE": 0.93,
        "LD": 0.015,
        "AUT": 0.02,
        "COMM": 0.012,
        "BEH": 0.01,
        "MOB": 0.005,
        "HEAR": 0.003,
        "VIS": 0.002,
        "CON": 0.003,
    },
    Characteristic.FIRST_LANGUAGE: {
        "eng": 0.86,
        "pol": 0.03,
        "urd": 0.025,
        "pan": 0.015,
        "ben": 0.01,
        "ara": 0.012,
        "ron": 0.012,
        "por": 0.008,
        "spa": 0.005,
        "guj": 0.006,
    },
}
# Partner staff trained at the partnership's courses who have no account (fictional names).
PARTNER_TRAINEES = (
    "Alex Morgan",
    "Sam Patel",
    "Jordan Hughes",
    "Priya Shah",
    "Chris Doyle",
    "Megan Clarke",
    "Tom Reilly",
    "Aisha Bello",
    "Ruth Evans",
    "Daniel Okafor",
    "Hannah Price",
    "Liam Walsh",
)


def seed_reporting_reference(rng: random.Random, today: date) -> None:
    PopulationEstimate.objects.bulk_create(
        PopulationEstimate(
            characteristic=characteristic, value=value, population=round(CHILDREN * share), year=year, source=SOURCE
        )
        for year in (today.year - 1, today.year)
        for characteristic, shares in SHARES.items()
        for value, share in shares.items()
    )

    def when() -> date:
        return today - timedelta(days=rng.randint(10, 720))

    records = []
    for profile in PractitionerProfile.objects.select_related("agency", "user"):
        council = profile.agency.is_council_early_help
        for course, likelihood in (
            (TrainingCourse.EARLY_HELP, 0.75 if council else 0.4),
            (TrainingCourse.THRESHOLDS, 0.6 if council else 0.5),
        ):
            if rng.random() < likelihood:
                records.append(
                    TrainingRecord(user=profile.user, agency=profile.agency, course=course, completed_on=when())
                )
    partners = [agency for agency in Agency.objects.all() if not agency.is_council_early_help]
    for name in PARTNER_TRAINEES:
        if partners:
            records.append(
                TrainingRecord(
                    name=name,
                    agency=rng.choice(partners),
                    course=rng.choice(TrainingCourse.values),
                    completed_on=when(),
                )
            )
    TrainingRecord.objects.bulk_create(records)
