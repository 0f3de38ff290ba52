"""The search's parameters are declared once (archive/search/parameters.py): the form,
the request, the API's schema and the saved searches all hold exactly the table's
parameters, and every filter has its queryset method."""

from archive.accounts.services import SEARCH_PARAMETERS
from archive.search import selectors
from archive.search.parameters import FILTERS, PARAMETERS
from archive.web.api import SearchParams
from archive.web.forms import SearchForm

NAMES = [p.name for p in PARAMETERS]


def test_every_interface_holds_the_table_s_parameters():
    assert list(SearchForm.base_fields) == NAMES
    assert list(selectors.SearchRequest.__dataclass_fields__) == NAMES
    assert list(SearchParams.model_fields) == NAMES
    assert list(SEARCH_PARAMETERS) == [p.name for p in PARAMETERS if p.saved]
    assert "page" not in SEARCH_PARAMETERS


def test_every_filter_narrows_through_its_own_method():
    for parameter in FILTERS:
        assert callable(getattr(selectors, f"by_{parameter.name}")), parameter.name
    request = selectors.SearchRequest()
    assert not request.has_filters()
    for parameter in FILTERS:
        value = {"meeting": 1, "date_from": "2017-01-01", "date_to": "2017-01-01"}.get(
            parameter.name, "x"
        )
        assert selectors.SearchRequest(**{parameter.name: value}).has_filters(), parameter.name


def test_an_empty_value_takes_the_parameter_s_default():
    form = SearchForm({"q": "الإرهاب", "level": "", "sort": "", "page": ""})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["level"], form.cleaned_data["sort"], form.cleaned_data["page"]) == (
        "stem",
        "relevance",
        1,
    )
    assert form.cleaned_data["expand"] is True
    off = SearchForm({"expand": "0"})
    assert off.is_valid() and off.cleaned_data["expand"] is False


def test_the_organizations_signature_is_not_read_on_every_search(db):
    """The name index's signature hashes every organization and alias (tens of ms with the
    grown gazetteer): read once, then again only after a change or a few seconds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from archive.models import Organization

    def signature_reads():
        with CaptureQueriesContext(connection) as seen:
            selectors.name_index()
        return sum("hashtext" in q["sql"] for q in seen.captured_queries)

    assert signature_reads() == 1
    assert signature_reads() == 0  # the next search within seconds: not read again
    created = Organization.objects.create(slug="test-new-body", name_ar="هيئة الاختبار الجديدة")
    assert signature_reads() == 1  # a save here: read again at once
    assert created.pk in {org_id for org_id, _names in selectors.name_index().values()}
