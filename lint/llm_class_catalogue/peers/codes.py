"""Every finding `catalogue compare` reports, in one table: a stable code, a name, what it means.

A table of its own rather than rows in the lint rule table: a finding is about our value against a
peer's, not a problem at a line of an entry, so it has no severity, is not settled by lint's
select/ignore/suppress step and never fails `catalogue lint`; `catalogue rules` lists what lint checks.
Codes are never reused or renumbered.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    classification: str  # the words reports use for it
    description: str


# fmt: off
CODES: tuple[Code, ...] = (
    Code("P001", "real-conflict", "a real conflict", "Both state the fact and the values disagree: settle it against a primary source."),
    Code("P002", "other-scope", "peer describes a different host or scope", "The peer's entry is for another host (e.g. bedrock/ against Anthropic's own API), so a difference is expected."),
    Code("P003", "within-rounding", "within rounding", "The values differ only by rounding: 128000 against 131072, 1000000 against 1048576, prices within 0.5%."),
    Code("P004", "ours-more-precise", "ours stated more precisely", "The peer's value is ours rounded (131072 against 128000, 2026-05-14 against 2026-05)."),
    Code("P005", "not-catalogued", "not catalogued", "The peer lists a language model of one of the seven named providers that the catalogue lacks."),
    Code("P006", "peer-id-missing", "recorded peer id not in the peer file", "An offering's peer_ids names an entry the peer file does not have (renamed or removed?)."),
    Code("P007", "stale-allow", "allow-list item matches nothing", "An allow-list item for this peer matches no finding: either side changed, so look again."),
)
# fmt: on
BY_CODE = {code.code: code for code in CODES}
BY_NAME = {code.name: code for code in CODES}
REAL_CONFLICT, OTHER_SCOPE, WITHIN_ROUNDING, OURS_MORE_PRECISE, NOT_CATALOGUED, PEER_ID_MISSING, STALE_ALLOW = CODES
