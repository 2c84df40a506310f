"""How two values of one fact differ: not at all (None), by rounding, by ours being more precise, or really."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from llm_class_catalogue.peers.codes import OURS_MORE_PRECISE, REAL_CONFLICT, WITHIN_ROUNDING, Code

PRICE_TOLERANCE = 0.005  # prices within 0.5% of each other are the same price, rounded
PRICE_ROUNDING = 0.1  # a price rounded to fewer decimals (0.075 to 0.08) moves by less than 10%
TOKEN_TOLERANCE = 0.01  # a limit rounded to two or three significant digits is within 1% of itself


def _binary_label(exact: int, label: int) -> bool:
    """exact is k Ki or k Mi tokens and label the same k in thousands or millions: 131072 and 128000."""
    for binary, decimal in ((1024, 1000), (1024 * 1024, 1000 * 1000)):
        if exact % binary == 0 and label == exact // binary * decimal:
            return True
    return False


def _significant(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}")


def _rounded_from(exact: int, rounded: int) -> bool:
    """rounded is exact to two or three significant digits."""
    close = abs(exact - rounded) <= TOKEN_TOLERANCE * max(exact, rounded)
    return close and any(_significant(exact, digits) == rounded != exact for digits in (2, 3))


def tokens(ours: int, theirs: int) -> Code | None:
    if ours == theirs:
        return None
    if _binary_label(ours, theirs) or _rounded_from(ours, theirs):
        return OURS_MORE_PRECISE
    if abs(ours - theirs) <= 1 or _binary_label(theirs, ours) or _rounded_from(theirs, ours):
        return WITHIN_ROUNDING
    return REAL_CONFLICT


def _rounds_to(exact: float, rounded: float) -> bool:
    """rounded is exact written with fewer decimals (half up, as people round prices): 0.075 and 0.08."""
    written = Decimal(f"{exact:.10g}")
    places = -int(written.as_tuple().exponent)
    near = abs(exact - rounded) < PRICE_ROUNDING * max(exact, rounded)
    return near and any(
        float(written.quantize(Decimal(1).scaleb(-p), rounding=ROUND_HALF_UP)) == rounded for p in range(places)
    )


def price(ours: float, theirs: float) -> Code | None:
    if ours == theirs:
        return None
    if _rounds_to(ours, theirs):
        return OURS_MORE_PRECISE
    if _rounds_to(theirs, ours):
        return WITHIN_ROUNDING
    if abs(ours - theirs) <= PRICE_TOLERANCE * max(ours, theirs):
        return WITHIN_ROUNDING
    return REAL_CONFLICT


def day(ours: str, theirs: str) -> Code | None:
    if ours == theirs:
        return None
    if len(ours) > len(theirs) and ours.startswith(theirs):
        return OURS_MORE_PRECISE  # 2026-05-14 against 2026-05
    if len(theirs) > len(ours) and theirs.startswith(ours):
        return WITHIN_ROUNDING
    return REAL_CONFLICT


def flag(ours: bool, theirs: bool) -> Code | None:
    return None if ours == theirs else REAL_CONFLICT


KINDS = {"tokens": tokens, "price": price, "day": day, "flag": flag}


def classify(kind: str, ours: Any, theirs: Any) -> Code | None:
    """The code for how ours and theirs differ, or None when they agree."""
    decide: Any = KINDS[kind]
    result: Code | None = decide(ours, theirs)
    return result
