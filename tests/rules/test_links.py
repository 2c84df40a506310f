"""L001-L005 on entries: each reported at the URL's line."""

from __future__ import annotations

from pathlib import Path

from helpers import fresh_catalogue, line_of, pairs

MODEL = "catalogue/models/acme-small.yaml"


def with_sources(tmp_path: Path, sources: str) -> Path:
    base = fresh_catalogue(tmp_path)
    path = base / MODEL
    text = path.read_text()
    path.write_text(text[: text.index("sources:")] + "sources:\n" + sources)
    return base


def test_malformed_and_private_urls(tmp_path: Path) -> None:
    base = with_sources(
        tmp_path, "  - url: http://acme.example.org/a\n    title: A\n  - url: https://10.0.0.1/b\n    title: B\n"
    )
    assert pairs(base, MODEL) == [
        ("L001", line_of(base / MODEL, "url: http://acme.example.org/a")),
        ("L002", line_of(base / MODEL, "url: https://10.0.0.1/b")),
    ]


def test_repeated_source_after_normalising(tmp_path: Path) -> None:
    base = with_sources(
        tmp_path,
        "  - url: https://acme.example.org/a\n    title: A\n"
        "  - url: HTTPS://ACME.example.org:443/a/#intro\n    title: A\n",
    )
    assert pairs(base, MODEL) == [("L003", line_of(base / MODEL, "url: HTTPS://ACME.example.org:443/a/#intro"))]


def test_tracking_parameters_warn(tmp_path: Path) -> None:
    base = with_sources(tmp_path, "  - url: https://acme.example.org/a?utm_source=feed\n    title: A\n")
    assert pairs(base, MODEL) == [("L004", line_of(base / MODEL, "url: https://acme.example.org/a?utm_source"))]


def test_one_url_two_titles(tmp_path: Path) -> None:
    base = with_sources(tmp_path, "  - url: https://acme.example.org/about\n    title: Acme, about us\n")
    # Reported at the provider's title for that URL.
    assert pairs(base) == [("L005", line_of(base / "catalogue/providers/acme.yaml", "title: About Acme"))]


def test_provider_homepage_is_checked(tmp_path: Path) -> None:
    base = fresh_catalogue(tmp_path)
    path = base / "catalogue/providers/acme.yaml"
    path.write_text(path.read_text().replace("homepage: https://acme.example.org", "homepage: https://localhost"))
    assert pairs(base, "catalogue/providers/acme.yaml") == [("L002", line_of(path, "homepage: https://localhost"))]
