"""The models table: its page (filters, an empty table the script fills) and the data file the table
and the compare page read, one compact record per model.

The rows are drawn by assets/table.js from data/models.js (a script, not a fetch, so the pages work
from file:// too). With 10,000 models the page stays responsive: the records are small, the search
text is lowercased once, and only a page of rows is in the document at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from llm_class_catalogue.outputs.site.html import HIDDEN_BY_DEFAULT, e, script_json, short_name


def _value(model: dict[str, Any], fact: str) -> Any:
    return model["facts"].get(fact, {}).get("value")


# Capabilities the table filters on: (key, label, test on a model's export record).
CAPABILITIES: tuple[tuple[str, str, Callable[[dict[str, Any]], bool]], ...] = (
    ("tools", "Tool calling", lambda m: _value(m, "tool_calling") is True),
    ("parallel", "Parallel tool calls", lambda m: _value(m, "parallel_tool_calls") is True),
    ("structured", "Structured output", lambda m: _value(m, "structured_output") is True),
    ("reasoning", "Reasoning", lambda m: _value(m, "reasoning") is True),
    ("vision", "Image input", lambda m: "image" in (_value(m, "input_modalities") or [])),
    ("audio", "Audio input", lambda m: "audio" in (_value(m, "input_modalities") or [])),
    ("embedding", "Embeddings", lambda m: "embedding" in (_value(m, "output_modalities") or [])),
)
# Columns: (key the script sorts by, heading).
COLUMNS = (
    ("name", "Model"),
    ("classes", "Classes"),
    ("status", "Status"),
    ("provider", "Provider"),
    ("context", "Context"),
    ("output", "Max output"),
    ("pin", "Input $/1M"),
    ("pout", "Output $/1M"),
    ("open", "Open weights"),
    ("confidence", "Confidence"),
    ("reviewed", "Reviewed"),
)
STATUSES = ("active", "preview", "deprecated", "retired", "unverified")


def cheapest(offerings: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The available offering with the lowest input price per 1M tokens in USD (ties: its id)."""
    priced = [
        o
        for o in offerings
        if o["available"]
        and o["pricing"]
        and o["pricing"]["currency"] == "USD"
        and o["pricing"]["unit"] == "1M tokens"
        and o["pricing"]["input"] is not None
    ]
    return min(priced, key=lambda o: (o["pricing"]["input"], o["id"]), default=None)


def record(model: dict[str, Any], providers: dict[str, str], offerings: list[dict[str, Any]]) -> dict[str, Any]:
    """One model's record: short keys, since the file carries one per model."""
    best = cheapest(offerings)
    weights = _value(model, "open_weights")
    total, active = _value(model, "parameters_total"), _value(model, "parameters_active")
    return {
        "i": model["id"],
        "n": model["name"],
        "a": " ".join([model["family"] or "", *model["aliases"]]),
        "c": model["classes"],
        "s": model["status"],
        "p": model["provider"],
        "x": _value(model, "context_window"),
        "o": _value(model, "max_output_tokens"),
        "pi": best["pricing"]["input"] if best else None,
        "po": best["pricing"]["output"] if best else None,
        "ph": providers.get(best["host"], best["host"]) if best else None,
        "w": weights if isinstance(weights, bool) else None,
        "f": model["review"]["confidence"],
        "r": model["review"]["last_reviewed"],
        "k": [key for key, _, test in CAPABILITIES if test(model)],
        "rl": _value(model, "released"),
        "ar": _value(model, "architecture"),
        "pt": total,
        "pa": active,
        "mi": _value(model, "input_modalities"),
        "mo": _value(model, "output_modalities"),
        "l": _value(model, "license"),
        "kc": _value(model, "knowledge_cutoff"),
    }


def data_script(document: dict[str, Any]) -> str:
    """data/models.js: the records, with the names of classes, providers and capabilities."""
    providers = {p["id"]: p["name"] for p in document["providers"]}
    by_model: dict[str, list[dict[str, Any]]] = {}
    for offering in document.get("offerings", []):
        by_model.setdefault(offering["model"], []).append(offering)
    data = {
        "classes": {c["id"]: c["name"] for c in document["classes"]},
        "short": {c["id"]: short_name(c["name"]) for c in document["classes"]},
        "providers": providers,
        "capabilities": {key: label for key, label, _ in CAPABILITIES},
        "hidden": list(HIDDEN_BY_DEFAULT),
        "models": [record(m, providers, by_model.get(m["id"], [])) for m in document["models"]],
    }
    return f"window.CATALOGUE = {script_json(data)};\n"


def _options(pairs: list[tuple[str, str]], anything: str) -> str:
    return f'<option value="">{e(anything)}</option>' + "".join(
        f'<option value="{e(key)}">{e(label)}</option>' for key, label in pairs
    )


def models_page(document: dict[str, Any]) -> str:
    """The table page's body: the filter form, and a table whose rows the script draws."""
    classes = [(c["id"], f"{c['number']}. {c['name']}") for c in document["classes"]]
    used = {m["provider"] for m in document["models"]}
    providers = sorted(((p["id"], p["name"]) for p in document["providers"] if p["id"] in used), key=lambda p: p[1])
    capabilities = [(key, label) for key, label, _ in CAPABILITIES]
    statuses = "".join(
        f'<label class="check"><input type="checkbox" name="status" value="{s}"'
        f"{'' if s in HIDDEN_BY_DEFAULT else ' checked'}> {s}</label>"
        for s in STATUSES
    )
    heads = "".join(
        f'<th scope="col" data-key="{key}" aria-sort="none"><button type="button" data-sort="{key}">'
        f'{e(label)}<span class="arrow" aria-hidden="true"></span></button></th>'
        for key, label in COLUMNS
    )
    return f"""<h1>Models</h1>
<p class="lead">Every model in the catalogue, one row each. Type to search; the filters and the sort are
kept in the address, so a filtered view can be shared. Retired and unverified models are hidden until
you tick them, and marked when shown.</p>
<form id="filters" class="filters" role="search" aria-label="Filter the models">
<div class="field wide"><label for="q">Search</label>
<input id="q" name="q" type="search" autocomplete="off" placeholder="name, id, alias or provider"></div>
<div class="field"><label for="class">Class</label><select id="class" name="class">{_options(classes, "Any class")}</select></div>
<div class="field"><label for="cap">Capability</label><select id="cap" name="cap">{_options(capabilities, "Any capability")}</select></div>
<div class="field"><label for="provider">Provider</label><select id="provider" name="provider">{_options(providers, "Any provider")}</select></div>
<div class="field"><label for="open">Open weights</label><select id="open" name="open">{_options([("yes", "Open weights"), ("no", "Closed weights")], "Either")}</select></div>
<div class="field"><label for="minctx">Min context (tokens)</label><input id="minctx" name="minctx" type="number" min="0" step="1000" inputmode="numeric"></div>
<div class="field"><label for="maxprice">Max input price ($/1M)</label><input id="maxprice" name="maxprice" type="number" min="0" step="0.01" inputmode="decimal"></div>
<fieldset class="field wide"><legend>Status</legend>{statuses}</fieldset>
<div class="field"><button type="reset" id="reset">Clear filters</button></div>
</form>
<p id="count" class="count" role="status" aria-live="polite">Loading the models…</p>
<noscript><p>The table needs JavaScript; every model is also listed on its <a href="index.html">class pages</a>.</p></noscript>
<div class="table-wrap"><table id="models" class="models">
<caption class="visually-hidden">Models, one row each; the column buttons sort</caption>
<thead><tr>{heads}</tr></thead><tbody></tbody></table></div>
<p><button type="button" id="more" hidden>Show more rows</button></p>"""
