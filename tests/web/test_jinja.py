"""The Jinja2 fragments (``hearth.core.jinja``, issue 14): they escape what they print as
Django does, link to a person's page as ``reverse`` would, print dates as Django's filter does,
and refuse a name they were not given rather than print nothing."""

import uuid
from datetime import UTC, datetime

import pytest
from django.template import engines
from django.urls import reverse
from jinja2 import UndefinedError

from hearth.core import jinja


def test_a_persons_link_is_the_one_reverse_gives_and_anything_else_is_refused():
    from django.urls import NoReverseMatch

    pk = uuid.uuid4()
    assert jinja.url("web:person", pk) == reverse("web:person", args=[pk])
    assert jinja.url("web:person", str(pk)) == reverse("web:person", args=[pk])
    with pytest.raises(NoReverseMatch):
        jinja.url("web:person", "../admin")


def test_dates_read_as_djangos_filter_reads_them_in_london():
    from django.template.defaultfilters import date as django_date
    from django.utils import timezone

    assert jinja.date(None, "j M Y") == ""
    today = timezone.localdate()
    assert jinja.date(today, "j M Y") == django_date(today, "j M Y")
    # 23:30 UTC on a summer's day of next year is half past midnight the next day in London.
    late = datetime(today.year + 1, 7, 1, 23, 30, tzinfo=UTC)
    assert jinja.date(late, "j M Y H:i") == f"2 Jul {today.year + 1} 00:30"


def test_a_fragment_escapes_what_it_prints_and_refuses_a_name_it_was_not_given():
    env = engines["jinja2"].env
    fragment = env.from_string("<p>{{ name }}</p>")
    assert fragment.render(name="<script>alert(1)</script>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    with pytest.raises(UndefinedError):
        fragment.render()


def test_the_django_tag_renders_a_fragment_with_only_the_values_it_names(rf):
    from django.template import RequestContext, Template

    page = Template('{% load hearth %}{% jinja "web/_work.html" due_sections=None '
                    'due_by_family=False %}')
    html = page.render(RequestContext(rf.get("/"), {"due_sections": ["not passed"]}))
    assert "Nothing is due for you." in html
    assert "&lt;" not in html  # marked safe once, not escaped again


def _named_routes(patterns=None, namespace=""):
    """Every named route of the project with its converters, namespaced as ``reverse`` names
    it."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, getattr(entry.pattern, "converters", {})


def test_every_route_taking_ids_is_linked_to_as_reverse_links_to_it():
    from django.urls.converters import IntConverter, UUIDConverter

    stand_ins = {IntConverter: [0, 7, 123456, "42"],
                 UUIDConverter: [uuid.uuid4(), str(uuid.uuid4()), uuid.UUID(int=1)]}
    checked = 0
    for name, converters in _named_routes():
        kinds = [type(c) for c in converters.values()]
        if not all(k in stand_ins for k in kinds):
            continue
        for n in range(3):
            args = [stand_ins[k][n % len(stand_ins[k])] for k in kinds]
            assert jinja.url(name, *args) == reverse(name, args=args), name
        checked += 1
    assert checked > 150  # the project's pages about a person, a case, a plan…


def test_a_link_to_what_is_not_an_id_is_refused_as_reverse_refuses_it():
    from django.urls import NoReverseMatch

    for bad in ("not-an-id", -1, 1.5, None):
        with pytest.raises(NoReverseMatch):
            jinja.url("web:person", bad)
    with pytest.raises(NoReverseMatch):
        jinja.url("web:person")  # an id missing
    with pytest.raises(NoReverseMatch):
        jinja.url("protection:conference", uuid.uuid4())  # a number expected


def test_a_fragment_escapes_an_apostrophe_as_django_does():
    from django.template import Context, Template

    name = "Ring Jack's school & \"the office\" <now>"
    django_says = Template("{{ name }}").render(Context({"name": name}))
    assert engines["jinja2"].env.from_string("{{ name }}").render(name=name) == django_says
    assert "&#x27;" in django_says


def test_a_fragments_forms_carry_the_pages_own_csrf_token(rf):
    """The logout form of the navigation (a fragment) and a Django form on the same page post
    the same token: one is made a page, not one a fragment."""
    from django.template import RequestContext, Template

    from hearth.access.models import User

    request = rf.get("/")
    request.user = User(username="sam", role="social_worker", first_name="Sam")
    page = Template('{% load hearth %}<form>{% csrf_token %}</form>'
                    '{% jinja "web/_service_navigation.html" user=request.user '
                    'second_factor_passed=True hearth_permissions=none '
                    'unread_notifications=0 %}')
    html = page.render(RequestContext(request, {"none": frozenset()}))
    import re

    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) == 2 and tokens[0] == tokens[1]
