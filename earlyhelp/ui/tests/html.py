"""A few lines of HTML querying for tests, so they check elements and attributes rather than exact strings."""

from __future__ import annotations

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append({"tag": tag, **{name: value or "" for name, value in attrs}})


def elements(html: str, tag: str | None = None, **attrs: str) -> list[dict[str, str]]:
    """Start tags matching `tag` and every attribute given; `class_` matches one class among the element's."""
    collector = _Collector()
    collector.feed(str(html))
    wanted_class = attrs.pop("class_", None)
    return [
        element
        for element in collector.elements
        if (tag is None or element["tag"] == tag)
        and all(element.get(name.replace("_", "-")) == value for name, value in attrs.items())
        and (wanted_class is None or wanted_class in element.get("class", "").split())
    ]


def element(html: str, tag: str | None = None, **attrs: str) -> dict[str, str]:
    found = elements(html, tag, **attrs)
    assert len(found) == 1, f"expected one <{tag or '*'}> with {attrs}, found {len(found)}"
    return found[0]


def classes(found: dict[str, str]) -> set[str]:
    return set(found.get("class", "").split())
