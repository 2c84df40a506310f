"""Read export/v2/catalogue.json and choose models from it, with the standard library alone.

    from llm_class_catalogue import reader
    catalogue = reader.load("export/v2/catalogue.json")
    chosen = catalogue.select(classes=["reasoning"], needs=["tools"], min_context=200_000, tokens="30000:4000")
    for result in chosen.results:
        print(result.id, result.offering.api_id if result.offering else None, result.estimated_cost_usd)

`catalogue select` and `catalogue plan` call this module, so the command and the library give the same
answers by construction. It imports nothing else of the project (nor PyYAML, jsonschema or click): a
consumer who has only the JSON file can copy it alone. Unknown facts are never guessed: a candidate
whose deciding fact is null is listed apart, with the facts that were missing.
"""

from __future__ import annotations

import difflib
import gc
import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from itertools import compress, repeat
from math import isnan
from operator import add, eq, gt, lt, mul, truediv
from typing import Any, TypeVar, overload

SUPPORTED_MAJOR = "2"
# The class-criteria language names facts by their place in an entry; the export by a flat name. A test
# keeps this table equal to model/facts.py's FACTS (this module may import nothing of the project).
FACT_PATHS: dict[str, str] = {
    "released": "released",
    "architecture": "architecture",
    "parameters.total": "parameters_total",
    "parameters.active": "parameters_active",
    "context_window": "context_window",
    "max_output_tokens": "max_output_tokens",
    "max_input_tokens": "max_input_tokens",
    "knowledge_cutoff": "knowledge_cutoff",
    "modalities.input": "input_modalities",
    "modalities.output": "output_modalities",
    "capabilities.tool_calling": "tool_calling",
    "capabilities.parallel_tool_calls": "parallel_tool_calls",
    "capabilities.structured_output": "structured_output",
    "capabilities.reasoning": "reasoning",
    "reasoning.mode": "reasoning_mode",
    "reasoning.effort_levels": "reasoning_effort_levels",
    "reasoning.budget_tokens": "reasoning_budget_tokens",
    "reasoning.summary": "reasoning_summary",
    "embedding.dimensions": "embedding_dimensions",
    "embedding.dimension_options": "embedding_dimension_options",
    "embedding.max_input_tokens": "embedding_max_input_tokens",
    "embedding.normalized": "embedding_normalized",
    "open_weights": "open_weights",
    "license": "license",
}
EXPORT_NAMES = frozenset(FACT_PATHS.values())
# --needs: each capability is one fact that must be true, or an input modality that must be listed.
NEEDS: dict[str, tuple[str, Any]] = {
    "tools": ("tool_calling", True),
    "structured-output": ("structured_output", True),
    "reasoning": ("reasoning", True),
    "vision": ("input_modalities", "image"),
    "audio": ("input_modalities", "audio"),
    "pdf": ("input_modalities", "pdf"),
}
# --license permissive: licences that allow use, change and redistribution, commercial included, asking
# at most for attribution and the notice (SPDX ids; compared without regard to case).
PERMISSIVE = (
    "0BSD",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSL-1.0",
    "CC-BY-4.0",
    "CC0-1.0",
    "ISC",
    "MIT",
    "MIT-0",
    "Unlicense",
    "Zlib",
)
SORTS = ("cost", "context", "output", "released", "confidence")
UNKNOWN_MODES = ("separate", "exclude", "include")
CONFIDENCE_RANK = {"high": 2, "medium": 1, "low": 0}
SERVED = ("active", "preview", "deprecated")
T = TypeVar("T")


class ReaderError(Exception):
    """The export cannot be read (missing, not JSON, another major version)."""


class QueryError(ValueError):
    """A query that asks for something the language has no meaning for (a usage error)."""


# ---------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact as the export gives it: `value` None when unknown."""

    value: Any
    confidence: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    title: str
    kind: str | None
    supports: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Tier:
    above_input_tokens: int
    input: float | None
    output: float | None
    cache_read: float | None


@dataclass(frozen=True, slots=True)
class Price:
    """One price list of an offering, in USD per 1M tokens; None where the host lists no price."""

    input: float | None
    output: float | None
    cache_read: float | None
    tiers: tuple[Tier, ...]
    effective_from: str | None
    effective_to: str | None


@dataclass(frozen=True, slots=True)
class Deprecation:
    announced: str | None
    retires: str | None
    successor: str | None


@dataclass(frozen=True, slots=True)
class Limit:
    value: int | None
    confidence: str | None
    source: str  # `from`: offering (the host states it) or model


@dataclass(frozen=True, slots=True)
class Offering:
    """One host serving one model."""

    id: str
    model: str
    host: str
    api_id: str
    status: str
    available: bool
    litellm_id: str | None
    limits: dict[str, Limit]
    pricing: Price | None
    price_history: tuple[Price, ...]
    checked: str
    confidence: str
    deprecation: Deprecation | None
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Model:
    id: str
    name: str
    provider: str
    status: str
    available: bool
    classes: frozenset[str]
    aliases: tuple[str, ...]
    facts: dict[str, Fact]
    last_reviewed: str
    confidence: str
    deprecation: Deprecation | None
    successor: str | None
    sources: tuple[Source, ...]
    offerings: tuple[Offering, ...]

    def value(self, name: str) -> Any:
        """A fact's value by export name (None when unknown)."""
        found = self.facts.get(name)
        return None if found is None else found.value


def _sources(items: Iterable[dict[str, Any]]) -> tuple[Source, ...]:
    return tuple(Source(s["url"], s["title"], s.get("kind"), tuple(s.get("supports") or ())) for s in items)


def _deprecation(item: dict[str, Any] | None) -> Deprecation | None:
    if not item:
        return None
    return Deprecation(item.get("announced"), item.get("retires"), item.get("successor"))


def _price(item: dict[str, Any] | None) -> Price | None:
    if not item:
        return None
    tiers = tuple(
        Tier(t["above_input_tokens"], t.get("input"), t.get("output"), t.get("cache_read"))
        for t in sorted(item.get("tiers") or (), key=lambda t: t["above_input_tokens"])
    )
    return Price(
        item.get("input"),
        item.get("output"),
        item.get("cache_read"),
        tiers,
        item.get("effective_from"),
        item.get("effective_to"),
    )


def _offering(item: dict[str, Any]) -> Offering:
    limits = {
        name: Limit(limit.get("value"), limit.get("confidence"), limit.get("from", "model"))
        for name, limit in (item.get("limits") or {}).items()
    }
    review = item.get("review") or {}
    return Offering(
        item["id"],
        item["model"],
        item["host"],
        item["api_id"],
        item["status"],
        bool(item["available"]),
        (item.get("peer_ids") or {}).get("litellm"),
        limits,
        _price(item.get("pricing")),
        tuple(p for p in (_price(h) for h in item.get("price_history") or ()) if p is not None),
        review.get("checked", ""),
        review.get("confidence", "low"),
        _deprecation(item.get("deprecation")),
        _sources(item.get("sources") or ()),
    )


def _model(item: dict[str, Any], offerings: tuple[Offering, ...]) -> Model:
    facts = {
        name: Fact(fact.get("value"), fact.get("confidence"), fact.get("note"))
        for name, fact in (item.get("facts") or {}).items()
    }
    review = item.get("review") or {}
    return Model(
        item["id"],
        item["name"],
        item["provider"],
        item["status"],
        bool(item["available"]),
        frozenset(item.get("classes") or ()),
        tuple(item.get("aliases") or ()),
        facts,
        review.get("last_reviewed", ""),
        review.get("confidence", "low"),
        _deprecation(item.get("deprecation")),
        item.get("successor"),
        _sources(item.get("sources") or ()),
        offerings,
    )


# ---------------------------------------------------------------------------------------------- queries


def parse_count(value: int | str) -> int:
    """A count written plainly (4000000000) or with a suffix (4B, 500M, 32k)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmMbBtT]?)\s*", str(value))
    if not match:
        raise QueryError(f"{value!r} is not a count (write 4000000000, or 4B, 500M, 32k)")
    scale = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}[match.group(2).lower()]
    number = float(match.group(1)) * scale
    if number != int(number):
        raise QueryError(f"{value!r} is not a whole count")
    return int(number)


@dataclass(frozen=True, slots=True)
class Tokens:
    """A request's token mix: prompt tokens (cached ones included), output tokens, cached prompt tokens."""

    input: int
    output: int
    cached: int = 0

    @classmethod
    def parse(cls, value: Tokens | str | Sequence[int]) -> Tokens:
        if isinstance(value, Tokens):
            return value
        parts = value.split(":") if isinstance(value, str) else list(value)
        try:
            numbers = [parse_count(part) for part in parts]
        except QueryError:
            numbers = []
        if len(numbers) not in (2, 3):
            raise QueryError(f"{value!r} is not a token mix: write IN:OUT or IN:OUT:CACHED, e.g. 30000:4000")
        mix = cls(*numbers)
        if mix.cached > mix.input:
            raise QueryError(f"{value!r}: the cached tokens are part of the prompt, so at most {mix.input}")
        return mix

    def __str__(self) -> str:
        return f"{self.input}:{self.output}" + (f":{self.cached}" if self.cached else "")


def _day(value: date | str | None, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True)
class Query:
    """Every filter, constraint and objective of `catalogue select`, by its keyword."""

    classes: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    output_modalities: tuple[str, ...] = ()
    min_context: int | None = None
    min_output: int | None = None
    open_weights: bool = False
    max_params: int | None = None
    license: tuple[str, ...] = ()
    host: tuple[str, ...] = ()
    max_dimensions: int | None = None
    min_dimensions: int | None = None
    min_embedding_input: int | None = None
    criteria: tuple[dict[str, Any], ...] = ()
    max_price_in: float | None = None
    max_price_out: float | None = None
    tokens: Tokens | None = None
    budget: float | None = None
    min_confidence: str | None = None
    reviewed_within: int | None = None
    not_retiring_within: int | None = None
    as_of: date | None = None
    today: date | None = None
    sort: str | None = None
    unknown: str = "separate"
    limit: int | None = None

    @classmethod
    def of(cls, **filters: Any) -> Query:
        """A query from keyword filters, as the CLI passes them; QueryError for a meaningless one."""
        known = {f.name for f in fields(cls)}
        strange = sorted(set(filters) - known)
        if strange:
            raise QueryError(f"unknown filter {strange[0]!r}; the filters are {', '.join(sorted(known))}")
        values = {k: v for k, v in filters.items() if v is not None}
        for name in ("classes", "needs", "output_modalities", "license", "host"):
            if name in values:
                value = values[name]
                items = value.split(",") if isinstance(value, str) else value
                values[name] = tuple(str(item).strip() for item in items if str(item).strip())
        if "criteria" in values:
            criteria = values["criteria"]
            values["criteria"] = (criteria,) if isinstance(criteria, dict) else tuple(criteria)
        for name in ("min_context", "min_output", "max_params", "max_dimensions", "min_dimensions"):
            if name in values:
                values[name] = parse_count(values[name])
        if "min_embedding_input" in values:
            values["min_embedding_input"] = parse_count(values["min_embedding_input"])
        if "tokens" in values:
            values["tokens"] = Tokens.parse(values["tokens"])
        for name in ("as_of", "today"):
            if name in values:
                values[name] = _day(values[name], name)
        query = cls(**values)
        query.check()
        return query

    def check(self) -> None:
        for need in self.needs:
            if need not in NEEDS:
                raise QueryError(f"unknown need {need!r}; choose from {', '.join(NEEDS)}")
        if self.sort is not None and self.sort not in SORTS:
            raise QueryError(f"unknown sort {self.sort!r}; choose from {', '.join(SORTS)}")
        if self.sort == "cost" and self.tokens is None:
            raise QueryError("sorting by cost needs a token mix (tokens, e.g. 30000:4000)")
        if self.budget is not None and self.tokens is None:
            raise QueryError("a budget per request needs a token mix (tokens, e.g. 30000:4000)")
        if self.unknown not in UNKNOWN_MODES:
            raise QueryError(f"unknown mode {self.unknown!r}; choose from {', '.join(UNKNOWN_MODES)}")
        if self.min_confidence is not None and self.min_confidence not in CONFIDENCE_RANK:
            raise QueryError(f"unknown confidence {self.min_confidence!r}; choose from high, medium, low")
        for name in ("max_price_in", "max_price_out", "budget", "limit", "reviewed_within", "not_retiring_within"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value < 0):
                raise QueryError(f"{name}: {value!r} is not a non-negative number")
        for criterion in self.criteria:
            _check_criterion(criterion)

    @property
    def objective(self) -> str:
        return self.sort or ("cost" if self.tokens is not None else "context")

    @property
    def needs_offering(self) -> bool:
        """Whether every result must name an offering: a price or a host decides."""
        priced = self.max_price_in is not None or self.max_price_out is not None or self.tokens is not None
        return priced or bool(self.host)

    @property
    def licences(self) -> frozenset[str]:
        chosen: set[str] = set()
        for name in self.license:
            chosen.update(PERMISSIVE if name.lower() == "permissive" else (name,))
        return frozenset(name.lower() for name in chosen)


def _fact_name(name: Any) -> str:
    """The export name of a fact named either way (context_window, capabilities.tool_calling)."""
    if name == "sparse":
        return name
    if isinstance(name, str) and name in FACT_PATHS:
        return FACT_PATHS[name]
    if isinstance(name, str) and name in EXPORT_NAMES:
        return name
    close = difflib.get_close_matches(str(name), [*FACT_PATHS, *EXPORT_NAMES], n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise QueryError(f"unknown fact {name!r}{hint}")


OPERATORS = ("equals", "in", "contains", "at_least", "less_than")


def _check_criterion(criterion: Any) -> None:
    if not isinstance(criterion, dict):
        raise QueryError(f"a criterion is an object, not {criterion!r}")
    for group in ("all", "any"):
        if group in criterion:
            parts = criterion[group]
            if len(criterion) != 1 or not isinstance(parts, list) or not parts:
                raise QueryError(f"{group!r} takes a non-empty list of criteria and nothing beside it")
            for part in parts:
                _check_criterion(part)
            return
    operators = [key for key in criterion if key != "fact"]
    if "fact" not in criterion or len(operators) != 1 or operators[0] not in OPERATORS:
        raise QueryError(f"a condition is {{fact, one of {', '.join(OPERATORS)}}}, not {criterion!r}")
    _fact_name(criterion["fact"])


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _model_fact(model: Model, name: str) -> Any:
    if name == "sparse":
        total, active = model.value("parameters_total"), model.value("parameters_active")
        return active < total if _number(total) and _number(active) else None
    return model.value(name)


Verdict = tuple["bool | None", tuple[str, ...]]  # decided (None: unknown), and the facts that were null


def criterion_test(criterion: dict[str, Any]) -> Callable[[Model], Verdict]:
    """The class-criteria language over export facts: True or False when the facts decide, None (with the
    facts that were null) when they do not. `all` is False when any part is, `any` True when any part is."""
    for group in ("all", "any"):
        if group in criterion:
            return _combined([criterion_test(part) for part in criterion[group]], group == "all")
    name = _fact_name(criterion["fact"])
    operator, operand = next((k, v) for k, v in criterion.items() if k != "fact")
    decide: Callable[[Any], bool] = {
        "equals": lambda value: bool(value == operand),
        "in": lambda value: value in operand,
        "contains": lambda value: isinstance(value, list) and operand in value,
        "at_least": lambda value: _number(value) and bool(value >= operand),
        "less_than": lambda value: _number(value) and bool(value < operand),
    }[operator]
    missing = ("parameters_total", "parameters_active") if name == "sparse" else (name,)

    def test(model: Model) -> Verdict:
        value = _model_fact(model, name)
        return (None, missing) if value is None else (decide(value), ())

    return test


def _combined(parts: list[Callable[[Model], Verdict]], every: bool) -> Callable[[Model], Verdict]:
    def combined(model: Model) -> Verdict:
        verdicts = [part(model) for part in parts]
        results = [verdict for verdict, _ in verdicts]
        missing = tuple(name for verdict, names in verdicts if verdict is None for name in names)
        if every:
            decided = False if False in results else None if None in results else True
        else:
            decided = True if True in results else None if None in results else False
        return decided, missing if decided is None else ()

    return combined


def criterion_facts(criterion: dict[str, Any]) -> tuple[str, ...]:
    """The export names of the facts a criterion reads."""
    for group in ("all", "any"):
        if group in criterion:
            return tuple(dict.fromkeys(name for part in criterion[group] for name in criterion_facts(part)))
    name = _fact_name(criterion["fact"])
    return ("parameters_total", "parameters_active") if name == "sparse" else (name,)


# --------------------------------------------------------------------------------------------- answers


@dataclass(frozen=True, slots=True)
class Decided:
    """A fact that decided a result: its value and confidence, the day the entry holding it was reviewed,
    and the URLs of the sources that back it."""

    name: str
    value: Any
    confidence: str | None
    note: str | None
    reviewed: str
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "confidence": self.confidence,
            "note": self.note,
            "reviewed": self.reviewed,
            "sources": list(self.sources),
        }


class Result:
    """One model that matched, with the offering chosen for it (None: no offering was needed and none is
    catalogued, e.g. open weights to run yourself), its estimated cost at the token mix, the facts that
    decided it with their sources, warnings, and (only with unknown="include") the facts that were null.
    The record, the facts and the warnings are made when first read: a query ranks thousands cheaply."""

    __slots__ = ("_catalogue", "_query", "_today", "_index", "offering", "estimated_cost_usd", "missing", "_made")

    def __init__(
        self,
        catalogue: Catalogue,
        query: Query,
        today: date,
        index: int,
        offering: Offering | None,
        cost: float | None,
        missing: list[str],
    ) -> None:
        self._catalogue, self._query, self._today, self._index = catalogue, query, today, index
        self.offering = offering
        self.estimated_cost_usd = cost
        self.missing: tuple[str, ...] = tuple(dict.fromkeys(missing))
        self._made: tuple[tuple[Decided, ...], tuple[str, ...]] | None = None

    @property
    def id(self) -> str:
        return str(self._catalogue._raw[self._index]["id"])

    @property
    def name(self) -> str:
        return str(self._catalogue._raw[self._index]["name"])

    @property
    def model(self) -> Model:
        return self._catalogue.models[self._index]

    def _explained(self) -> tuple[tuple[Decided, ...], tuple[str, ...]]:
        if self._made is None:
            self._made = explain(self._query, self.model, self.offering, self._today)
        return self._made

    @property
    def facts(self) -> tuple[Decided, ...]:
        return self._explained()[0]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self._explained()[1]

    def fact(self, name: str) -> Decided | None:
        return next((decided for decided in self.facts if decided.name == name), None)

    def __repr__(self) -> str:
        return f"Result({self.id!r}, offering={self.offering.id if self.offering else None!r})"

    def to_json(self, tokens: bool) -> dict[str, Any]:
        offering = self.offering
        item: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "provider": self.model.provider,
            "status": self.model.status,
            "offering": None
            if offering is None
            else {
                "id": offering.id,
                "host": offering.host,
                "api_id": offering.api_id,
                "litellm_id": offering.litellm_id,
                "status": offering.status,
                "checked": offering.checked,
            },
            "facts": {decided.name: decided.to_json() for decided in self.facts},
            "warnings": list(self.warnings),
        }
        if tokens:
            item["estimated_cost_usd"] = self.estimated_cost_usd
        if self.missing:
            item["missing"] = list(self.missing)
        return item


@dataclass(frozen=True, slots=True)
class Unknown:
    """A candidate no fact excluded but some deciding fact is null for: not a match, not dropped."""

    id: str
    name: str
    missing: tuple[str, ...]
    offering: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "missing": list(self.missing), "offering": self.offering}


class Made(Sequence[T]):
    """Records made from model indices when first read: a query ranks thousands, a router reads a few.
    Compares equal to a tuple or list of the same records."""

    __slots__ = ("_indices", "_make", "_made")

    def __init__(self, indices: list[int], make: Callable[[int], T]) -> None:
        self._indices, self._make = indices, make
        self._made: dict[int, T] = {}

    def __len__(self) -> int:
        return len(self._indices)

    @overload
    def __getitem__(self, key: int) -> T: ...

    @overload
    def __getitem__(self, key: slice) -> tuple[T, ...]: ...

    def __getitem__(self, key: int | slice) -> T | tuple[T, ...]:
        if isinstance(key, slice):
            return tuple(self[position] for position in range(*key.indices(len(self._indices))))
        position = range(len(self._indices))[key]  # IndexError past the end; negative positions count back
        made = self._made.get(position)
        if made is None:
            made = self._made[position] = self._make(self._indices[position])
        return made

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Made | tuple | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


@dataclass(frozen=True)
class Selection:
    """What a query found: the ranked results, the unknowns apart, and how many candidates each reason
    excluded."""

    query: Query
    results: Sequence[Result]
    unknown: Sequence[Unknown]
    excluded: dict[str, int]
    schema_version: str
    content_hash: str

    @property
    def ids(self) -> list[str]:
        return [result.id for result in self.results]

    def to_json(self) -> dict[str, Any]:
        tokens = self.query.tokens is not None
        return {
            "schema_version": self.schema_version,
            "content_hash": self.content_hash,
            "query": query_json(self.query),
            "results": [result.to_json(tokens) for result in self.results],
            "unknown": [unknown.to_json() for unknown in self.unknown],
            "excluded": dict(self.excluded),
        }


def query_json(query: Query) -> dict[str, Any]:
    """The filters a query set, as JSON (defaults left out)."""
    found: dict[str, Any] = {}
    for item in fields(query):
        value = getattr(query, item.name)
        if value == item.default:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Tokens):
            value = str(value)
        elif isinstance(value, tuple):
            value = list(value)
        found[item.name] = value
    return found


# --------------------------------------------------------------------------------------------- prices


def price_at(offering: Offering, when: str | None) -> Price | None:
    """The price list in force on `when` (None: today's), from the price history; None when none was."""
    current = offering.pricing
    if when is None:
        return current
    if current is not None and (current.effective_from is None or current.effective_from <= when):
        return current
    for old in offering.price_history:
        if (old.effective_from is None or old.effective_from <= when) and (
            old.effective_to is None or when < old.effective_to
        ):
            return old
    return None


@dataclass(frozen=True, slots=True)
class Band:
    """The prices that apply to one request: the base list, or the tier its prompt length reaches."""

    input: float | None
    output: float | None
    cache_read: float | None
    label: str  # "pricing" or "pricing.tiers[above N]", to name a missing price


def band(price: Price, prompt: int) -> Band:
    """The tier with the largest threshold the prompt is above; a price a tier leaves out is unknown there,
    except cache reads, which are priced at the band's input when the host lists none."""
    chosen = next((tier for tier in reversed(price.tiers) if prompt > tier.above_input_tokens), None)
    if chosen is None:
        return Band(price.input, price.output, price.cache_read, "pricing")
    return Band(chosen.input, chosen.output, chosen.cache_read, f"pricing.tiers[above {chosen.above_input_tokens}]")


PLACES = 1e10  # estimated costs are given to ten decimal places (well below a millionth of a cent)


def estimate(rates: Band, tokens: Tokens) -> tuple[float | None, tuple[str, ...]]:
    """USD for one request at the token mix, at the band its prompt reaches, or None and the prices that
    are null."""
    uncached, cached, output = tokens.input - tokens.cached, tokens.cached, tokens.output
    rate_in, rate_out, cache_rate = rates.input, rates.output, rates.cache_read
    if cache_rate is None:
        cache_rate = rate_in
    if (uncached and rate_in is None) or (cached and cache_rate is None) or (output and rate_out is None):
        missing = [
            f"{rates.label}.{name}"
            for name, null in (
                ("input", uncached and rate_in is None),
                ("cache_read", cached and cache_rate is None),
                ("output", output and rate_out is None),
            )
            if null
        ]
        return None, tuple(missing)
    cost = (uncached * (rate_in or 0) + cached * (cache_rate or 0) + output * (rate_out or 0)) / 1e6
    return round(cost * PLACES) / PLACES, ()


# ---------------------------------------------------------------------------------------------- select


def served_on(status: str, deprecation: Deprecation | None, when: str | None) -> bool:
    """Whether an entry was served on `when` (None: now, by its status). Unverified: never."""
    if status == "unverified":
        return False
    if when is None:
        return status in SERVED
    retires = deprecation.retires if deprecation is not None else None
    if retires is not None:
        return when < retires
    return status in SERVED


class _Models:
    """The models as records, each made from its JSON when first asked for (a query touches few)."""

    def __init__(self, raw: list[dict[str, Any]], offerings: dict[str, tuple[Offering, ...]]) -> None:
        self._raw, self._offerings = raw, offerings
        self._made: list[Model | None] = [None] * len(raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __getitem__(self, index: int) -> Model:
        made = self._made[index]
        if made is None:
            item = self._raw[index]
            made = self._made[index] = _model(item, self._offerings.get(item["id"], ()))
        return made

    def __iter__(self) -> Iterator[Model]:
        return (self[index] for index in range(len(self._raw)))


@dataclass(frozen=True, slots=True)
class Coded:
    """A fact's column as codes: `values[codes[i]]` is model i's value, and code 0 stands for null."""

    values: tuple[Any, ...]
    codes: list[int]
    has_null: bool

    @classmethod
    def of(cls, column: list[Any]) -> Coded:
        values: list[Any] = [None]
        known: dict[tuple[str, Any], int] = {}
        codes = []
        for value in column:
            if value is None:
                codes.append(0)
                continue
            key = (type(value).__name__, json.dumps(value, sort_keys=True) if isinstance(value, list | dict) else value)
            code = known.get(key)
            if code is None:
                code = known[key] = len(values)
                values.append(value)
            codes.append(code)
        return cls(tuple(values), codes, 0 in codes)


class Catalogue:
    """The export, read once: models (made into records as needed), offerings, and per fact a column of
    every model's value, for filtering without touching the records."""

    def __init__(self, document: dict[str, Any]) -> None:
        version = str(document.get("schema_version", ""))
        if version.split(".", 1)[0] != SUPPORTED_MAJOR:
            raise ReaderError(f"this reader reads export {SUPPORTED_MAJOR}.x, not {version or 'an unversioned file'}")
        self.schema_version = version
        self.content_hash = str(document.get("content_hash", ""))
        self._raw: list[dict[str, Any]] = list(document.get("models") or ())
        by_model: dict[str, list[Offering]] = {}
        for item in document.get("offerings") or ():
            offering = _offering(item)
            by_model.setdefault(offering.model, []).append(offering)
        offerings = {model: tuple(group) for model, group in by_model.items()}
        self.models = _Models(self._raw, offerings)
        self.offerings: tuple[Offering, ...] = tuple(o for group in offerings.values() for o in group)
        self._offers = [offerings.get(item["id"], ()) for item in self._raw]
        self._index = {item["id"]: index for index, item in enumerate(self._raw)}
        self.class_ids = tuple(c["id"] for c in document.get("classes") or ())
        self.provider_ids = tuple(p["id"] for p in document.get("providers") or ())
        members: dict[str, set[int]] = {}
        for index, item in enumerate(self._raw):
            for class_id in item.get("classes") or ():
                members.setdefault(class_id, set()).add(index)
        self._members = {class_id: frozenset(found) for class_id, found in members.items()}
        self._available = [index for index, item in enumerate(self._raw) if item.get("available")]
        self._unverified = sum(1 for item in self._raw if item.get("status") == "unverified")
        self._columns: dict[str, list[Any]] = {}
        self._coded: dict[str, Coded] = {}
        self._table: _OfferTable | None = None
        self._ranks: list[int] | None = None

    @property
    def ids(self) -> list[str]:
        return [item["id"] for item in self._raw]

    def model(self, model_id: str) -> Model | None:
        index = self._index.get(model_id)
        return None if index is None else self.models[index]

    def column(self, name: str) -> list[Any]:
        """Every model's value of one fact, in model order (made once, on first use)."""
        found = self._columns.get(name)
        if found is None:
            found = self._columns[name] = [
                ((item.get("facts") or {}).get(name) or {}).get("value") for item in self._raw
            ]
        return found

    def coded(self, name: str) -> Coded:
        """One fact's column with each value replaced by a small number, so a filter tests every distinct
        value once (made once, on first use)."""
        found = self._coded.get(name)
        if found is None:
            found = self._coded[name] = Coded.of(self.column(name))
        return found

    def find(self, name: str) -> Model | None:
        """A model by id or alias (case, spaces and punctuation ignored)."""
        if name in self._index:
            return self.models[self._index[name]]
        wanted = _loose(name)
        for index, item in enumerate(self._raw):
            if wanted in {_loose(item["id"]), *map(_loose, item.get("aliases") or ())}:
                return self.models[index]
        return None

    def select(self, **filters: Any) -> Selection:
        """The models that meet every filter, ranked: the keywords are `Query`'s fields, as the CLI's flags
        (classes=[...], needs=[...], min_context=..., tokens="30000:4000", sort="cost", ...)."""
        return self.run(Query.of(**filters))

    def plan(self, recipe: dict[str, Any], **overrides: Any) -> dict[str, Selection]:
        """A recipe's roles, each answered as `select` answers its filters."""
        return {
            role_id: self.select(**{**role.get("select", {}), **overrides})
            for role_id, role in (recipe.get("roles") or {}).items()
        }

    def run(self, query: Query) -> Selection:
        """The steps of a query, in order; each counts the candidates it excludes under its reason."""
        today = query.today or date.today()
        when = query.as_of.isoformat() if query.as_of is not None else None
        excluded: Counter[str] = Counter()
        alive = self._served(when, excluded)
        for class_id in query.classes:
            if class_id not in self._members and class_id not in self.class_ids:
                close = difflib.get_close_matches(class_id, self.class_ids, n=1)
                raise QueryError(f"unknown class {class_id!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
            members = self._members.get(class_id, frozenset())
            kept = [i for i in alive if i in members]
            excluded[f"not in class {class_id}"] += len(alive) - len(kept)
            alive = kept
        for host in query.host:
            if host not in self.provider_ids:
                close = difflib.get_close_matches(host, self.provider_ids, n=1)
                raise QueryError(f"unknown host {host!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        state = _State(alive, {}, {}, {})
        for reason, name, test in self._fact_tests(query):
            coded = self.coded(name)
            passing = {code for code, value in enumerate(coded.values) if value is None or test(value)}
            kept = (
                state.alive
                if len(passing) == len(coded.values)
                else [i for i in state.alive if coded.codes[i] in passing]
            )
            excluded[reason] += len(state.alive) - len(kept)
            if coded.has_null:
                codes = coded.codes
                for i in [i for i in kept if not codes[i]]:
                    state.missing.setdefault(i, []).append(name)
            state.alive = kept
        if query.criteria:
            self._criteria(query, state, excluded)
        if query.reviewed_within is not None or query.not_retiring_within is not None:
            self._lifecycle(query, state, today, excluded)
        self._offerings(query, state, today, when, excluded)
        if query.min_confidence is not None:
            self._confident(query, state, excluded)
        return self._answer(query, state, today, excluded)

    def _served(self, when: str | None, excluded: Counter[str]) -> list[int]:
        if when is None:
            excluded["unverified"] += self._unverified
            excluded["not available (retired)"] += len(self._raw) - len(self._available) - self._unverified
            return list(self._available)
        alive = []
        released = self.column("released")
        for index, item in enumerate(self._raw):
            day = released[index]
            if item["status"] == "unverified":
                excluded["unverified"] += 1
            elif isinstance(day, str) and day[: len(when)] > when:
                excluded[f"not released by {when}"] += 1
            elif not served_on(item["status"], _deprecation(item.get("deprecation")), when):
                excluded[f"not available on {when}"] += 1
            else:
                alive.append(index)
        return alive

    def _fact_tests(self, query: Query) -> list[tuple[str, str, Callable[[Any], bool]]]:
        """(reason, fact, test of a known value) for each simple filter, in a fixed order."""
        tests: list[tuple[str, str, Callable[[Any], bool]]] = []

        def at_least(n: int) -> Callable[[Any], bool]:
            return lambda value: _number(value) and value >= n

        def at_most(n: int) -> Callable[[Any], bool]:
            return lambda value: _number(value) and value <= n

        def contains(item: str) -> Callable[[Any], bool]:
            return lambda value: isinstance(value, list) and item in value

        def equals(wanted: Any) -> Callable[[Any], bool]:
            return lambda value: value is wanted

        for need in query.needs:
            name, wanted = NEEDS[need]
            tests.append((f"needs {need}", name, contains(wanted) if name == "input_modalities" else equals(wanted)))
        for modality in query.output_modalities:
            tests.append((f"no {modality} output", "output_modalities", contains(modality)))
        if query.open_weights:
            tests.append(("not open weights", "open_weights", equals(True)))
        if query.min_context is not None:
            tests.append((f"context below {query.min_context}", "context_window", at_least(query.min_context)))
        if query.min_output is not None:
            tests.append((f"output below {query.min_output}", "max_output_tokens", at_least(query.min_output)))
        if query.max_params is not None:
            tests.append((f"over {query.max_params} parameters", "parameters_total", at_most(query.max_params)))
        if query.license:
            allowed = query.licences
            tests.append(
                ("licence not allowed", "license", lambda value: isinstance(value, str) and value.lower() in allowed)
            )
        if query.max_dimensions is not None:
            limit = query.max_dimensions
            tests.append((f"over {limit} dimensions", "embedding_dimensions", at_most(limit)))
        if query.min_dimensions is not None:
            limit = query.min_dimensions
            tests.append((f"under {limit} dimensions", "embedding_dimensions", at_least(limit)))
        if query.min_embedding_input is not None:
            limit = query.min_embedding_input
            tests.append((f"embedding input below {limit}", "embedding_max_input_tokens", at_least(limit)))
        if query.objective in OBJECTIVE_FACTS:  # the objective decides the rank: a null one is not guessed either
            tests.append(("", OBJECTIVE_FACTS[query.objective], lambda value: True))
        return tests

    def _criteria(self, query: Query, state: _State, excluded: Counter[str]) -> None:
        tests = [criterion_test(criterion) for criterion in query.criteria]
        kept = []
        for i in state.alive:
            verdicts = [test(self.models[i]) for test in tests]
            if any(verdict is False for verdict, _ in verdicts):
                excluded["criteria not met"] += 1
                continue
            missing = [name for verdict, names in verdicts if verdict is None for name in names]
            if missing:
                state.missing.setdefault(i, []).extend(missing)
            kept.append(i)
        state.alive = kept

    def _lifecycle(self, query: Query, state: _State, today: date, excluded: Counter[str]) -> None:
        oldest = (today - timedelta(days=query.reviewed_within or 0)).isoformat()
        horizon = (today + timedelta(days=query.not_retiring_within or 0)).isoformat()
        kept = []
        for i in state.alive:
            item = self._raw[i]
            retires = (item.get("deprecation") or {}).get("retires")
            if query.reviewed_within is not None and (item.get("review") or {}).get("last_reviewed", "") < oldest:
                excluded[f"reviewed more than {query.reviewed_within} days ago"] += 1
            elif query.not_retiring_within is not None and retires is not None and retires <= horizon:
                excluded[f"retiring within {query.not_retiring_within} days"] += 1
            else:
                kept.append(i)
        state.alive = kept

    def _offerings(self, query: Query, state: _State, today: date, when: str | None, excluded: Counter[str]) -> None:
        """Choose each candidate's offering: known prices first, then the cheapest, the model's own provider,
        the id. A model none of whose offerings qualifies is excluded only when an offering is needed, under
        the reason of the offering that got furthest. The checks run column by column over the candidates'
        offerings (each a pass over all of them), not offering by offering."""
        table = self._offer_table()
        survivors = [k for i in state.alive for k in table.of_model[i]]
        why: dict[int, str] = {}  # each offering that cannot serve, and the first check it failed
        for reason, check in _gates(query, today, when, table):
            passed = check(survivors)
            if len(passed) != len(survivors):
                kept = set(passed)
                why.update((k, reason) for k in survivors if k not in kept)
            survivors = passed
        missing: dict[int, tuple[str, ...]] = {}
        costs: dict[int, float | None] = {}
        if query.tokens is not None or query.max_price_in is not None or query.max_price_out is not None:
            survivors = _priced(query, when, table, survivors, why, missing, costs)

        best = _best(table, survivors, missing, costs)
        rows, of_model = table.rows, table.of_model
        chosen = [i for i in state.alive if i in best]
        state.offering.update({i: rows[best[i]] for i in chosen})
        state.cost.update({i: costs.get(best[i]) for i in chosen})
        for k, null in missing.items():
            if best.get(model := table.model[k]) == k:
                state.missing.setdefault(model, []).extend(null)
        if not query.needs_offering:
            return  # a model none of whose offerings serves stays in, without one
        if len(chosen) != len(state.alive):
            lost = [i for i in state.alive if i not in best]
            excluded[_NO_OFFERING] += sum(1 for i in lost if not of_model[i])
            excluded.update(map(why.__getitem__, [of_model[i][0] for i in lost if len(of_model[i]) == 1]))
            excluded.update(_furthest(why[k] for k in of_model[i]) for i in lost if len(of_model[i]) > 1)
        state.alive = chosen

    def _offer_table(self) -> _OfferTable:
        """Every offering as columns the offering step reads (made once, on first use)."""
        if self._table is None:
            self._table = _OfferTable(self._raw, self._offers)
        return self._table

    def _id_rank(self) -> list[int]:
        """Each model's place in the order of ids (made once, on first use): ties are broken by id."""
        if self._ranks is None:
            ranks = [0] * len(self._raw)
            for rank, index in enumerate(sorted(range(len(self._raw)), key=lambda i: self._raw[i]["id"])):
                ranks[index] = rank
            self._ranks = ranks
        return self._ranks

    def _confident(self, query: Query, state: _State, excluded: Counter[str]) -> None:
        floor = CONFIDENCE_RANK[query.min_confidence or "low"]
        names = deciding(query)
        kept = []
        for i in state.alive:
            facts = self._raw[i].get("facts") or {}
            ranks = [
                CONFIDENCE_RANK.get(facts[n].get("confidence") or "", 0)
                for n in names
                if n in facts and facts[n].get("value") is not None
            ]
            offering = state.offering.get(i)
            if offering is not None and query.needs_offering:
                ranks.append(CONFIDENCE_RANK.get(offering.confidence, 0))
            if ranks and min(ranks) < floor:
                excluded[f"confidence below {query.min_confidence}"] += 1
                continue
            kept.append(i)
        state.alive = kept

    def _answer(self, query: Query, state: _State, today: date, excluded: Counter[str]) -> Selection:
        known = self._ranked(query, [i for i in state.alive if i not in state.missing], state)
        unknown = sorted((i for i in state.alive if i in state.missing), key=self._id_rank().__getitem__)
        if query.unknown == "exclude":
            excluded["a deciding fact unknown"] += len(unknown)
        chosen = known + unknown if query.unknown == "include" else known
        if query.limit is not None:
            chosen = chosen[: query.limit]
        offering, cost, missing = state.offering.get, state.cost.get, state.missing
        results = Made(chosen, lambda i: Result(self, query, today, i, offering(i), cost(i), missing.get(i, [])))
        apart: Sequence[Unknown] = (
            Made(
                unknown,
                lambda i: Unknown(
                    self._raw[i]["id"],
                    self._raw[i]["name"],
                    tuple(dict.fromkeys(missing[i])),
                    state.offering[i].id if i in state.offering else None,
                ),
            )
            if query.unknown == "separate"
            else ()
        )
        counts = {reason: count for reason, count in sorted(excluded.items()) if count}
        return Selection(query, results, apart, counts, self.schema_version, self.content_hash)

    def _ranked(self, query: Query, indices: list[int], state: _State) -> list[int]:
        raw = self._raw
        ordered = sorted(indices, key=self._id_rank().__getitem__)
        objective = query.objective
        if objective == "cost":
            values = [cost or 0.0 for cost in map(state.cost.get, ordered)]
            return list(map(ordered.__getitem__, sorted(range(len(ordered)), key=values.__getitem__)))
        if objective == "confidence":
            names = deciding(query)

            def rank(i: int) -> int:
                facts = raw[i].get("facts") or {}
                ranks = [CONFIDENCE_RANK.get(facts[n].get("confidence") or "", 0) for n in names if n in facts]
                return -min(ranks or [CONFIDENCE_RANK.get((raw[i].get("review") or {}).get("confidence", ""), 0)])

            return sorted(ordered, key=rank)
        return sorted(ordered, key=self.column(OBJECTIVE_FACTS[objective]).__getitem__, reverse=True)


@dataclass
class _State:
    """A query's candidates as it runs: model indices still in, the facts null for each, the offering
    chosen for each and its cost."""

    alive: list[int]
    missing: dict[int, list[str]]
    offering: dict[int, Offering]
    cost: dict[int, float | None]


OBJECTIVE_FACTS = {"context": "context_window", "output": "max_output_tokens", "released": "released"}


class _OfferTable:
    """Every offering of the export as columns, by its place k: the model it serves (an index into the
    models), what the checks read of it, and per model the places of its offerings."""

    def __init__(self, raw: list[dict[str, Any]], offers: list[tuple[Offering, ...]]) -> None:
        self.rows: list[Offering] = []
        self.model: list[int] = []
        self.of_model: list[tuple[int, ...]] = []
        self.tie: list[tuple[bool, str]] = []  # after price: the model's own provider first, then the id
        for index, (item, group) in enumerate(zip(raw, offers, strict=True)):
            self.of_model.append(tuple(range(len(self.rows), len(self.rows) + len(group))))
            self.rows += group
            self.model += [index] * len(group)
            self.tie += [(offering.host != item["provider"], offering.id) for offering in group]
        rows = self.rows
        self.available = [offering.available for offering in rows]
        self.host = [offering.host for offering in rows]
        self.checked = [offering.checked for offering in rows]
        self.retires = [o.deprecation.retires if o.deprecation is not None else None for o in rows]
        self.context = [_limit(offering, "context_window") for offering in rows]
        self.output = [_limit(offering, "max_output_tokens") for offering in rows]
        # the current price list's base rates (NaN: null), whether it has tiers and the lowest threshold
        prices = [offering.pricing for offering in rows]
        self.unpriced = [price is None for price in prices]
        self.rate_in = [_nan(price.input) if price else NAN for price in prices]
        self.rate_out = [_nan(price.output) if price else NAN for price in prices]
        self.rate_cache = [
            _nan(price.cache_read if price.cache_read is not None else price.input) if price else NAN
            for price in prices
        ]
        self.tiers = [_tiers(price) if price and price.tiers else ((), ()) for price in prices]
        self.first_tier = [thresholds[0] if thresholds else INF for thresholds, _ in self.tiers]


def _tiers(price: Price) -> tuple[tuple[int, ...], tuple[tuple[float, float, float], ...]]:
    """A tiered price list's thresholds, ascending, and the (input, output, cache) rates of the base list
    and of each tier, NaN for a null: the rates of a prompt are those at `bisect_left(thresholds, prompt)`,
    the tier with the largest threshold the prompt is above."""
    bands = [(price.input, price.output, price.cache_read)]
    bands += [(tier.input, tier.output, tier.cache_read) for tier in price.tiers]
    rates = tuple((_nan(i), _nan(o), _nan(c if c is not None else i)) for i, o, c in bands)
    return tuple(tier.above_input_tokens for tier in price.tiers), rates


def _limit(offering: Offering, name: str) -> int | None:
    found = offering.limits.get(name)
    return found.value if found is not None else None


_NO_OFFERING = "no available offering"


def _gates(
    query: Query, today: date, when: str | None, table: _OfferTable
) -> list[tuple[str, Callable[[list[int]], list[int]]]]:
    """The checks an offering must pass before its price is read, in order, each as (the reason it fails,
    a pass keeping the offerings that pass it): only those the query asks for."""
    gates: list[tuple[str, Callable[[list[int]], list[int]]]] = []
    if when is None:
        available = table.available
        gates.append((_NO_OFFERING, lambda ks: [k for k in ks if available[k]]))
    else:
        rows = table.rows
        gates.append((_NO_OFFERING, lambda ks: [k for k in ks if served_on(rows[k].status, rows[k].deprecation, when)]))
    if query.host:
        hosts, host = frozenset(query.host), table.host
        gates.append(("not served by the hosts asked for", lambda ks: [k for k in ks if host[k] in hosts]))
    if query.not_retiring_within is not None:
        horizon, retires = (today + timedelta(days=query.not_retiring_within)).isoformat(), table.retires
        gates.append(
            ("offering retiring soon", lambda ks: [k for k in ks if (day := retires[k]) is None or day > horizon])
        )
    if query.reviewed_within is not None:
        oldest, checked = (today - timedelta(days=query.reviewed_within)).isoformat(), table.checked
        gates.append(("price checked too long ago", lambda ks: [k for k in ks if checked[k] >= oldest]))
    for wanted, limits in ((query.min_context, table.context), (query.min_output, table.output)):
        if wanted is not None:
            gates.append(("the host's limits are lower", _at_least(limits, wanted)))
    return gates


def _at_least(limits: list[int | None], wanted: int) -> Callable[[list[int]], list[int]]:
    """A pass keeping the offerings whose limit is unstated or at least `wanted`."""
    return lambda ks: [k for k in ks if (value := limits[k]) is None or value >= wanted]


def _priced(
    query: Query,
    when: str | None,
    table: _OfferTable,
    survivors: list[int],
    why: dict[int, str],
    missing: dict[int, tuple[str, ...]],
    costs: dict[int, float | None],
) -> list[int]:
    """The offerings whose price meets the query's caps and budget; for each, its estimated cost at the
    token mix and the prices that are null. Today's prices are compared and costed a column at a time
    (the C loops of map and compress over the rates, NaN standing for a null price); an offering a null
    price decides, or priced on another day (`when`), is judged alone by `_price_verdict`."""
    rejected: dict[int, str] = {}
    if when is not None:
        unpriced = (f"pricing on {when}",)
        for k in survivors:
            _judged_alone(k, _price_verdict(query, price_at(table.rows[k], when), unpriced), rejected, missing, costs)
    else:
        _priced_today(query, table, survivors, rejected, missing, costs)
    why.update(rejected)
    return [k for k in survivors if k not in rejected] if rejected else survivors


def _priced_today(
    query: Query,
    table: _OfferTable,
    ks: list[int],
    rejected: dict[int, str],
    missing: dict[int, tuple[str, ...]],
    costs: dict[int, float | None],
) -> None:
    tokens, prompt = query.tokens, query.tokens.input if query.tokens is not None else 0
    positions = range(len(ks))
    rate_in = list(map(table.rate_in.__getitem__, ks))
    rate_out = list(map(table.rate_out.__getitem__, ks))
    rate_cache = list(map(table.rate_cache.__getitem__, ks))
    labels: dict[int, str] = {}  # the positions priced at a tier, and that tier's name
    if prompt:
        reached = map(lt, map(table.first_tier.__getitem__, ks), repeat(prompt))
        for j in compress(positions, reached):  # the rates of the tier the prompt reaches
            thresholds, choices = table.tiers[ks[j]]
            if tier := bisect_left(thresholds, prompt):
                rate_in[j], rate_out[j], rate_cache[j] = choices[tier]
                labels[j] = f"pricing.tiers[above {thresholds[tier - 1]}]"
    decided = []  # the columns whose NaN means a null price decides the offering
    for cap, rates, what in ((query.max_price_in, rate_in, "input"), (query.max_price_out, rate_out, "output")):
        if cap is not None:
            reason = f"{what} price above {cap:g}"
            over = compress(ks, map(gt, rates, repeat(cap)))
            rejected.update((k, reason) for k in over if k not in rejected)
            decided.append(rates)
    if tokens is None:
        costs.update(zip(ks, repeat(None)))
    else:
        counts = ((rate_in, tokens.input - tokens.cached), (rate_cache, tokens.cached), (rate_out, tokens.output))
        terms = [list(map(mul, rates, repeat(count))) for rates, count in counts if count]
        total = terms[0] if terms else [0.0] * len(ks)
        for term in terms[1:]:
            total = list(map(add, total, term))
        exact = list(map(truediv, total, repeat(1e6)))
        null_at = list(compress(positions, map(isnan, exact)))  # a null price: no cost
        scaled = list(map(mul, exact, repeat(PLACES)))
        for j in null_at:
            scaled[j] = 0.0
        cost = list(map(truediv, map(round, scaled), repeat(PLACES)))  # as `estimate` rounds
        for j in null_at:
            cost[j] = NAN
        if query.budget is not None:
            reason = f"over the budget of {query.budget:g} per request"
            over = compress(ks, map(gt, cost, repeat(query.budget)))
            rejected.update((k, reason) for k in over if k not in rejected)
        costs.update(zip(ks, cost, strict=True))
        decided.append(cost)
    probe = decided[0]
    for column in decided[1:]:
        probe = list(map(add, probe, column))  # NaN where any of them is
    nulls: dict[tuple[str, bool, bool, bool], tuple[str, ...]] = {}  # the null prices named, by pattern
    for j in compress(positions, map(isnan, probe)):
        k = ks[j]
        if k in rejected:
            continue
        if table.unpriced[k]:
            missing[k], costs[k] = ("pricing",), None
            continue
        pattern = (labels.get(j, "pricing"), isnan(rate_in[j]), isnan(rate_out[j]), isnan(rate_cache[j]))
        if pattern not in nulls:
            nulls[pattern] = _null_prices(query, *pattern)
        missing[k] = nulls[pattern]
        if tokens is not None and isnan(cost[j]):
            costs[k] = None


def _null_prices(query: Query, label: str, no_input: bool, no_output: bool, no_cache: bool) -> tuple[str, ...]:
    """The prices a query needs that a band (`label`) leaves null, named as `_price_verdict` names them:
    those a cap reads, then those the token mix is costed at."""
    null = [f"{label}.input"] if query.max_price_in is not None and no_input else []
    null += [f"{label}.output"] if query.max_price_out is not None and no_output else []
    if query.tokens is not None:
        uncached, cached, output = query.tokens.input - query.tokens.cached, query.tokens.cached, query.tokens.output
        for name, needed, null_rate in (
            ("input", uncached, no_input),
            ("cache_read", cached, no_cache),
            ("output", output, no_output),
        ):
            if needed and null_rate:
                null.append(f"{label}.{name}")
    return tuple(dict.fromkeys(null))


def _judged_alone(
    k: int,
    verdict: Judged,
    rejected: dict[int, str],
    missing: dict[int, tuple[str, ...]],
    costs: dict[int, float | None],
) -> None:
    reason, null, cost = verdict
    if reason is not None:
        rejected[k] = reason
        return
    costs[k] = cost
    if null:
        missing[k] = null


NAN, INF = float("nan"), float("inf")


def _nan(rate: float | None) -> float:
    return NAN if rate is None else rate


Judged = tuple[str | None, tuple[str, ...], float | None]


def _price_verdict(query: Query, price: Price | None, unpriced: tuple[str, ...]) -> Judged:
    """(The reason a price list cannot serve the query, or None; the prices that are null; the estimated
    cost at the token mix). A known price above its cap excludes it even when another price is null."""
    if price is None:
        return None, unpriced, None
    rates = band(price, query.tokens.input if query.tokens is not None else 0)
    null: list[str] = []
    for cap, rate, what in ((query.max_price_in, rates.input, "input"), (query.max_price_out, rates.output, "output")):
        if cap is None:
            continue
        if rate is None:
            null.append(f"{rates.label}.{what}")
        elif rate > cap:
            return f"{what} price above {cap:g}", (), None
    cost = None
    if query.tokens is not None:
        cost, unknown = estimate(rates, query.tokens)
        null += unknown
        if cost is not None and query.budget is not None and cost > query.budget:
            return f"over the budget of {query.budget:g} per request", (), None
    return None, tuple(dict.fromkeys(null)), cost


def _best(
    table: _OfferTable, survivors: list[int], missing: dict[int, tuple[str, ...]], costs: dict[int, float | None]
) -> dict[int, int]:
    """Each model's best offering among those left (by place): known prices first, then the cheapest, the
    model's own provider, the id. The offerings come grouped by model, so a model with several left is
    found where one's model repeats the one before."""
    owners = list(map(table.model.__getitem__, survivors))
    best = dict(zip(reversed(owners), reversed(survivors), strict=True))  # the first of each model's

    def rank(k: int) -> tuple[Any, ...]:
        return (k in missing, costs.get(k) or 0.0, table.tie[k])

    for j in compress(range(1, len(owners)), map(eq, owners[1:], owners)):
        k, held = survivors[j], best[owners[j]]
        if rank(k) < rank(held):
            best[owners[j]] = k
    return best


def _furthest(reasons: Iterable[str]) -> str:
    """The reason of the offering that got furthest through the checks (the first of those that did)."""
    found = None
    for reason in reasons:
        if found is None or _step(reason) > _step(found):
            found = reason
    assert found is not None  # a model is judged by its offerings only when it has some
    return found


def deciding(query: Query) -> tuple[str, ...]:
    """The export names of the model facts a query decides by."""
    names = [NEEDS[need][0] for need in query.needs]
    names += ["output_modalities"] if query.output_modalities else []
    for wanted, name in (
        (query.open_weights, "open_weights"),
        (query.min_context, "context_window"),
        (query.min_output, "max_output_tokens"),
        (query.max_params, "parameters_total"),
        (query.license, "license"),
        (query.max_dimensions or query.min_dimensions, "embedding_dimensions"),
        (query.min_embedding_input, "embedding_max_input_tokens"),
    ):
        if wanted:
            names.append(name)
    for criterion in query.criteria:
        names += criterion_facts(criterion)
    if query.objective in OBJECTIVE_FACTS:
        names.append(OBJECTIVE_FACTS[query.objective])
    return tuple(dict.fromkeys(names))


def explain(
    query: Query, model: Model, offering: Offering | None, today: date
) -> tuple[tuple[Decided, ...], tuple[str, ...]]:
    """The facts that decided a result, with their sources, and its warnings."""
    decided = [
        Decided("status", model.status, model.confidence, None, model.last_reviewed, _backing(model.sources, "status"))
    ]
    if query.classes:
        classes = sorted(c for c in model.classes if c in query.classes)
        sources = _backing(model.sources, "classes")
        decided.append(Decided("classes", classes, model.confidence, None, model.last_reviewed, sources))
    for name in deciding(query):
        fact = model.facts.get(name) or Fact(None, None, None)
        sources = _backing(model.sources, name)
        decided.append(Decided(name, fact.value, fact.confidence, fact.note, model.last_reviewed, sources))
    priced = query.tokens is not None or query.max_price_in is not None or query.max_price_out is not None
    warnings = []
    if offering is not None and priced:
        price = price_at(offering, query.as_of.isoformat() if query.as_of else None)
        if price is not None:
            rates = band(price, query.tokens.input if query.tokens is not None else 0)
            value = {
                "input": rates.input,
                "output": rates.output,
                "cache_read": rates.cache_read,
                "band": rates.label,
                "effective_from": price.effective_from,
            }
            sources = _backing(offering.sources, "pricing")
            decided.append(Decided("pricing", value, offering.confidence, None, offering.checked, sources))
        if offering.checked:
            age = (today - date.fromisoformat(offering.checked)).days
            warnings.append(f"price checked {age} day{'s' if age != 1 else ''} ago ({offering.checked})")
    warnings += _lifecycle_warnings("", model.status, model.deprecation, model.successor)
    if offering is not None:
        successor = offering.deprecation.successor if offering.deprecation is not None else None
        warnings += _lifecycle_warnings(f"offering {offering.id}: ", offering.status, offering.deprecation, successor)
    return tuple(decided), tuple(warnings)


# Why an offering cannot serve, in the order the checks run: a model is excluded under the reason of the
# offering that got furthest.
OFFERING_STEPS = [
    "no available offering",
    "not served by the hosts asked for",
    "offering retiring soon",
    "price checked too long ago",
    "the host's limits are lower",
]


def _step(reason: str) -> int:
    return OFFERING_STEPS.index(reason) if reason in OFFERING_STEPS else len(OFFERING_STEPS)


def _lifecycle_warnings(prefix: str, status: str, deprecation: Deprecation | None, successor: str | None) -> list[str]:
    found = []
    if status == "preview":
        found.append(f"{prefix}preview: not generally available")
    if status == "deprecated" or (deprecation is not None and deprecation.retires):
        retires = deprecation.retires if deprecation is not None else None
        successor = successor or (deprecation.successor if deprecation is not None else None)
        text = f"{prefix}deprecated" + (f", retires on {retires}" if retires else "")
        found.append(text + (f", successor {successor}" if successor else ""))
    return found


def _backing(sources: tuple[Source, ...], name: str) -> tuple[str, ...]:
    """The URLs of the sources that name the fact among what they support (by its export name, its entry
    path or the field holding it); failing those, the sources that name nothing."""
    wanted = {name, *(path for path, export in FACT_PATHS.items() if export == name)}
    wanted |= {path.split(".", 1)[0] for path in list(wanted)}
    if name.startswith("pricing"):
        wanted = {"pricing"}
    named = tuple(dict.fromkeys(s.url for s in sources if wanted & set(s.supports)))
    return named or tuple(dict.fromkeys(s.url for s in sources if not s.supports))


def _loose(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def load(path: str | Any) -> Catalogue:
    """The export at `path` (export/v2/catalogue.json), read as UTF-8."""
    enabled = gc.isenabled()
    gc.disable()  # parsing makes millions of objects, none in a cycle: the cyclic collector only slows it
    try:
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError) as error:
            raise ReaderError(f"cannot read the export {path}: {error}") from None
        if not isinstance(document, dict):
            raise ReaderError(f"{path} is not an export: not a JSON object")
        return Catalogue(document)
    finally:
        if enabled:
            gc.enable()


def from_document(document: dict[str, Any]) -> Catalogue:
    """The catalogue of an export already in memory (`catalogue publish` builds one)."""
    return Catalogue(document)


__all__ = [
    "NEEDS",
    "PERMISSIVE",
    "SORTS",
    "Catalogue",
    "Decided",
    "Deprecation",
    "Fact",
    "Limit",
    "Made",
    "Model",
    "Offering",
    "Price",
    "Query",
    "QueryError",
    "ReaderError",
    "Result",
    "Selection",
    "Source",
    "Tier",
    "Tokens",
    "Unknown",
    "from_document",
    "load",
]
