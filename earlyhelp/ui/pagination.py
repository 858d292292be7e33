from django.http import HttpRequest


def query_without_page(request: HttpRequest) -> str:
    """The current query string minus `page`, for ui/_pagination.html to append the page number to."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
