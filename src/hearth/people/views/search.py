"""Person search (R-PPL-2, R-FD-3)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.people.forms.search import SearchForm
from hearth.people.queries.search import search_people


@requires("people.search")
@require_http_methods(["GET", "POST"])
def search(request):
    """Search is a POST so names and dates never appear in URLs or logs. A term the search
    cannot understand is a problem on its field (the form reads the terms as search does)."""
    form = SearchForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = search_people(request.user, **form.cleaned_data)
    return render(request, "people/search.html", {"form": form, "results": results},
                  status=400 if form.errors else 200)
