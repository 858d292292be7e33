"""The reporting core: periods, the table downloads and the chart."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.http import QueryDict

from earlyhelp.reporting.charts import bar_chart_svg
from earlyhelp.reporting.filters import ReportFilter, financial_year_of, previous_quarter, quarter_of
from earlyhelp.reporting.forms import ReportFilterForm, period_choices
from earlyhelp.reporting.tables import Column, Row, Table, csv_lines, format_value, percent, xlsx_bytes


def sample() -> Table:
    return Table(
        key="by_source",
        title="Requests by referral source",
        row_heading="Referral source",
        columns=[Column("Requests"), Column("Share", "percent")],
        rows=[
            Row("2A: Schools", [62, 62.0], drill="2A"),
            Row("3A: Health services <GP>", [17, 17.0], drill="3A"),
            Row("Not recorded", [21, 21.0], drill="none"),
            Row("Total", [100, 100.0], total=True),
        ],
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 11, 24), (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))),
        (datetime.date(2026, 1, 1), (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))),
        (datetime.date(2026, 6, 30), (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))),
    ],
)
def test_quarters(day, expected):
    assert quarter_of(day) == expected


def test_the_default_period_is_the_last_complete_quarter():
    assert previous_quarter(datetime.date(2026, 1, 5)) == (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))
    f = ReportFilter.default(datetime.date(2026, 11, 24))
    assert (f.start, f.end) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert f.days == 92
    # end_at is the first instant after the last day, so a timestamp at 23:59 on 30 September counts.
    assert f.end_at.date() == datetime.date(2026, 10, 1)


def test_financial_years_run_april_to_march():
    assert financial_year_of(datetime.date(2026, 3, 31)) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    assert financial_year_of(datetime.date(2026, 4, 1)) == (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))


def test_the_filter_scopes_episodes_by_team_agency_and_locality():
    f = ReportFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31), team_id=3, area_id=5)
    assert f.episode_scope("episode__") == {"episode__team_id": 3, "episode__team__area_id": 5}
    assert f.as_query() == {"start": "2026-01-01", "end": "2026-03-31", "area": "5", "team": "3"}


@pytest.mark.django_db
def test_the_form_reads_a_period_from_a_link_and_falls_back_to_the_default():
    today = datetime.date(2026, 11, 24)
    form = ReportFilterForm(QueryDict("start=2026-02-03&end=2026-02-20"), today=today)
    f = form.report_filter()
    assert (f.start, f.end) == (datetime.date(2026, 2, 3), datetime.date(2026, 2, 20))
    assert ReportFilterForm(QueryDict("period=nonsense"), today=today).report_filter() == ReportFilter.default(today)
    assert ReportFilterForm(QueryDict("start=2026-03-01&end=2026-01-01"), today=today).report_filter() == (
        ReportFilter.default(today)
    )
    labels = dict(period_choices(today))
    assert labels["2026-07-01:2026-09-30"] == "Quarter 1 July 2026 to 30 September 2026"
    assert labels["2026-04-01:2027-03-31"] == "Financial year 2026 to 2027"


def test_percent_never_divides_by_zero():
    assert percent(1, 3) == pytest.approx(33.333, rel=1e-3)
    assert percent(0, 0) is None
    assert format_value(None, "count") == "–"
    assert format_value(33.333, "percent") == "33%"
    assert format_value(12345, "count") == "12,345"


def test_csv_has_the_header_and_every_row():
    text = "".join(csv_lines([sample()]))
    assert text.splitlines() == [
        "Referral source,Requests,Share",
        "2A: Schools,62,62.0",
        "3A: Health services <GP>,17,17.0",
        "Not recorded,21,21.0",
        "Total,100,100.0",
    ]


def test_xlsx_has_a_sheet_per_table_with_percentages_as_numbers():
    other = Table(key="other", title="Requests by referral source", columns=[Column("N")], rows=[Row("A", [1])])
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([sample(), other], title="Demand")))
    assert workbook.sheetnames == ["Requests by referral source", "Requests by referral source (2)"]
    sheet = workbook.worksheets[0]
    assert sheet["A1"].value == "Requests by referral source"
    assert [c.value for c in sheet[3]] == ["Referral source", "Requests", "Share"]
    assert [c.value for c in sheet[4]] == ["2A: Schools", 62, 0.62]
    assert sheet["C4"].number_format == "0%"


def test_the_chart_describes_itself_and_escapes_labels():
    svg = str(bar_chart_svg(sample()))
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-by_source-title chart-by_source-desc"' in svg
    assert "3 bars" in svg  # the total row is not drawn
    assert "The largest is 2A: Schools: 62." in svg
    assert "&lt;GP&gt;" in svg
    assert "<GP>" not in svg


def test_no_chart_without_a_chart_column_or_figures():
    table = sample()
    table.chart_column = None
    assert bar_chart_svg(table) is None
    empty = Table(key="e", title="Empty", columns=[Column("N")], rows=[Row("A", [None])])
    assert bar_chart_svg(empty) is None
