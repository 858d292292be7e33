from pathlib import Path

import pytest

from earlyhelp.codes import lists
from earlyhelp.codes.models import Code

SHARED = Path(__file__).resolve().parents[4] / "shared" / "codes"


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/codes is not beside this checkout")
def test_code_files_match_shared():
    for shared_file in SHARED.glob("*.json"):
        ours = lists.DATA_DIR / shared_file.name
        assert ours.read_bytes() == shared_file.read_bytes(), f"{ours.name} differs from shared/codes: copy it again"


@pytest.mark.django_db
def test_official_lists_are_loaded_by_migration():
    assert Code.objects.of(lists.ETHNICITY).count() == 20
    assert set(Code.objects.of(lists.SEX).values_list("code", flat=True)) == {"M", "F", "U"}
    assert Code.objects.of(lists.DISABILITY).filter(code="NONE").exists()


@pytest.mark.django_db
def test_reloading_disables_codes_no_longer_in_the_file():
    Code.objects.create(list_name=lists.ETHNICITY, code="OLD", label="Retired code")
    lists.load(Code, [lists.ETHNICITY])
    assert not Code.objects.get(code="OLD").active
    assert Code.objects.of(lists.ETHNICITY).count() == 20
