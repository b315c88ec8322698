"""The project's URLs plus Django's floor: a view that returns n bytes and does nothing else."""

from django.http import HttpResponse
from django.urls import path

from jbztracker.urls import urlpatterns as project_urlpatterns


def floor(request):
    """Same middleware (session, login, language) as every page, no query and no template."""
    size = int(request.GET.get("bytes", "0"))
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *project_urlpatterns]
