"""The reader's column-at-a-time steps against their one-at-a-time meaning: today's prices compared and
costed over whole columns (NaN for a null) must give every offering the verdict `_price_verdict` gives it
alone, and a fact filter over coded columns must keep exactly the models its test keeps."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from llm_class_catalogue import reader

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = reader.load(REPO / "export/v2/catalogue.json")

# Token mixes below, between and above the tier thresholds of the catalogued price lists (128k, 200k,
# 256k, 272k ...), with and without cached tokens and output; caps and budgets that cut some offerings.
PRICE_QUERIES = [
    dict(tokens="30000:4000"),
    dict(tokens="500000:2000"),
    dict(tokens="300000:1000:200000"),
    dict(tokens="0:5000"),
    dict(tokens="150000:0:150000"),
    dict(max_price_in=1),
    dict(max_price_out=2),
    dict(max_price_in=0.5, max_price_out=3),
    dict(max_price_out=10, tokens="250000:8000"),
    dict(tokens="30000:4000", budget=0.01),
    dict(max_price_in=2, tokens="1000000:1000:500000", budget=0.5),
]


def _verdicts(query: reader.Query, ks: list[int], by_columns: bool) -> tuple[dict, dict, dict]:
    rejected: dict[int, str] = {}
    missing: dict[int, tuple[str, ...]] = {}
    costs: dict[int, float | None] = {}
    table = CATALOGUE._offer_table()
    if by_columns:
        reader._priced_today(query, table, ks, rejected, missing, costs)
    else:
        for k in ks:
            verdict = reader._price_verdict(query, table.rows[k].pricing, ("pricing",))
            reader._judged_alone(k, verdict, rejected, missing, costs)
    served = {k: costs[k] for k in ks if k not in rejected}
    return rejected, missing, served


@pytest.mark.parametrize("keywords", PRICE_QUERIES, ids=lambda keywords: repr(keywords))
def test_prices_judged_by_columns_as_one_at_a_time(keywords: dict) -> None:
    query = reader.Query.of(**keywords)
    ks = list(range(len(CATALOGUE._offer_table().rows)))
    by_columns, alone = _verdicts(query, ks, True), _verdicts(query, ks, False)
    assert by_columns == alone
    costs = by_columns[2].values()
    assert not any(isinstance(cost, float) and math.isnan(cost) for cost in costs)  # no NaN reaches a result


def test_the_price_queries_cover_rejections_nulls_and_tiers() -> None:
    """The table above is worth checking against: some offerings refused for each reason, some with a
    null price, and some costed at a tier their prompt reaches."""
    table = CATALOGUE._offer_table()
    ks = list(range(len(table.rows)))
    reasons, nulls, at_a_tier = set(), set(), 0
    for keywords in PRICE_QUERIES:
        query = reader.Query.of(**keywords)
        rejected, missing, served = _verdicts(query, ks, True)
        reasons |= {reason.split(" above")[0].split(" of")[0] for reason in rejected.values()}
        nulls |= {name for names in missing.values() for name in names}
        prompt = query.tokens.input if query.tokens is not None else 0
        at_a_tier += sum(
            1
            for k in served
            if table.rows[k].pricing and any(prompt > t.above_input_tokens for t in table.rows[k].pricing.tiers)
        )
    assert {"input price", "output price", "over the budget"} <= reasons
    assert {"pricing", "pricing.output"} <= nulls
    assert at_a_tier > 10


@pytest.mark.parametrize(
    "name, test",
    [
        ("context_window", lambda value: isinstance(value, int) and value >= 200000),
        ("input_modalities", lambda value: isinstance(value, list) and "image" in value),
        ("tool_calling", lambda value: value is True),
        ("license", lambda value: isinstance(value, str) and value.lower() in {"mit", "apache-2.0"}),
    ],
)
def test_coded_columns_keep_what_the_test_keeps(name: str, test) -> None:
    column, coded = CATALOGUE.column(name), CATALOGUE.coded(name)
    assert [coded.values[code] for code in coded.codes] == column
    passing = {code for code, value in enumerate(coded.values) if value is None or test(value)}
    kept = [i for i in range(len(column)) if coded.codes[i] in passing]
    assert kept == [i for i, value in enumerate(column) if value is None or test(value)]
