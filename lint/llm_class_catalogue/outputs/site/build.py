"""Every file of the site, from export 2's document: a pure function, so it is tested without a disk."""

from __future__ import annotations

from importlib import resources
from typing import Any

from llm_class_catalogue.outputs.site.class_page import class_page
from llm_class_catalogue.outputs.site.compare import compare_page
from llm_class_catalogue.outputs.site.home import home
from llm_class_catalogue.outputs.site.html import Options, page
from llm_class_catalogue.outputs.site.model_page import model_page
from llm_class_catalogue.outputs.site.routing import routing_page
from llm_class_catalogue.outputs.site.table import data_script, models_page

ASSETS = ("site.css", "table.js", "compare.js")  # shipped in the build: nothing is loaded from elsewhere


def asset(name: str) -> str:
    return (resources.files("llm_class_catalogue.outputs.site") / "assets" / name).read_text(encoding="utf-8")


def site(document: dict[str, Any], routes: dict[str, Any], options: Options) -> dict[str, str]:
    """Path in the build folder -> text. `routes` maps a use case's file stem to its recipe's answer;
    without any, the site has no routing page (and no link to one)."""
    routing = bool(routes)
    classes = {c["id"]: c["name"] for c in document["classes"]}
    providers = {p["id"]: p["name"] for p in document["providers"]}
    models = {m["id"]: m for m in document["models"]}
    names = {m["id"]: m["name"] for m in document["models"]}
    hosted: dict[str, list[dict[str, Any]]] = {}
    for offering in document.get("offerings", []):
        hosted.setdefault(offering["model"], []).append(offering)
    files = {f"assets/{name}": asset(name) for name in ASSETS}
    files["data/models.js"] = data_script(document)
    title = document["taxonomy"]["name"] if document["taxonomy"] else "Classes of large language models"
    files["index.html"] = page(title, home(document), "", "index.html", routing=routing)
    files["models.html"] = page(
        "Models",
        models_page(document),
        "",
        "models.html",
        routing=routing,
        scripts=("data/models.js", "assets/table.js"),
    )
    example = [m["id"] for m in document["models"] if m["available"]][:2]
    files["compare.html"] = page(
        "Compare",
        compare_page(example),
        "",
        "compare.html",
        routing=routing,
        scripts=("data/models.js", "assets/compare.js"),
    )
    if routing:
        files["routing.html"] = page("Routing", routing_page(routes, names), "", "routing.html", routing=True)
    for klass in document["classes"]:
        files[f"class/{klass['id']}.html"] = page(
            klass["name"], class_page(klass, models, providers), "../", "", routing=routing
        )
    for model in document["models"]:
        body = model_page(model, classes, providers, names, hosted.get(model["id"], []), options)
        files[f"model/{model['id']}.html"] = page(model["name"], body, "../", "", routing=routing)
    return files
