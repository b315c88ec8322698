from django.shortcuts import render

from ..search import MAX_QUERY_LENGTH, search


def search_page(request):
    """The header's search box: everything the app records, grouped by kind."""
    query = request.GET.get("q", "")
    results = search(query)
    too_long = len(query) > MAX_QUERY_LENGTH
    return render(request, "dossiers/search.html", {"results": results, "too_long": too_long})
