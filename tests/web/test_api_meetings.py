"""Meetings and their roles in the JSON API, filtered as the /meetings/ page filters them."""

import pytest

from archive.models import FactStatus, Meeting, MeetingRole

pytestmark = pytest.mark.django_db


def test_the_meetings_api_lists_every_meeting_with_its_roles(client, seeded):
    data = client.get("/api/meetings").json()
    assert data["count"] == Meeting.objects.count() == len(data["results"])
    by_id = {m["id"]: m for m in data["results"]}
    for role in MeetingRole.objects.exclude(status=FactStatus.REJECTED):
        listed = by_id[role.meeting_id]["organizations"]
        assert {"organization": role.organization.slug, "role": role.role} in [
            {"organization": r["organization"]["slug"], "role": r["role"]} for r in listed
        ]
    one = client.get(f"/api/meetings/{data['results'][0]['id']}").json()
    assert one == data["results"][0]
    assert client.get("/api/meetings/999999").status_code == 404


def test_the_meetings_api_filters_like_the_page_and_refuses_unknown_values(client, seeded):
    role = MeetingRole.objects.exclude(status=FactStatus.REJECTED).first()
    slug = role.organization.slug
    page = client.get("/meetings/", {"organization": slug}).context["page"]
    api = client.get("/api/meetings", {"organization": slug}).json()
    assert [m["id"] for m in api["results"]] == [m.pk for m in page.object_list]
    assert client.get("/api/meetings", {"organization": "nobody"}).status_code == 400
    assert client.get("/api/meetings", {"year": "abc"}).status_code == 400
    assert "/api/meetings" in client.get("/api/openapi.json").json()["paths"]


def test_the_network_api_gives_the_pictures_nodes_and_edges(client, seeded):
    data = client.get("/api/network").json()
    drawn = {o.slug for o in client.get("/network/").context["network"]["nodes"]}
    slugs = {n["slug"] for n in data["nodes"]}
    assert slugs == drawn and all(n["meetings"] >= 1 for n in data["nodes"])
    for edge in data["edges"]:
        assert {edge["source"], edge["target"]} <= slugs and edge["meetings"] >= 1
        shared = Meeting.objects.filter(roles__organization__slug=edge["source"]).filter(
            roles__organization__slug=edge["target"]
        )
        assert shared.distinct().count() == edge["meetings"]
    assert any({e["source"], e["target"]} == {"sco", "cis"} for e in data["edges"])
