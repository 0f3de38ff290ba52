"""The CSV export never hands a spreadsheet a formula."""

import csv
import io

import pytest

from archive.ingest.services import article_upsert

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "＝", "＋", "－", "＠", "｜"])
def test_export_neutralises_formula_starts_including_fullwidth_ones(client, start):
    article_upsert(
        title=f'{start}HYPERLINK("http://evil.example") الإرهاب',
        body="اجتمع ممثلو الإنتربول لمكافحة الإرهاب.",
        source_name=f"{start}cmd|' /C calc'!A0",
    )
    response = client.get("/search/export.csv", {"q": "الإرهاب"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["title"].startswith("'" + start)
    assert rows[0]["source"].startswith("'" + start)
