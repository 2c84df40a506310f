"""Which check carries out each rule of the table (`model/ruletable.py`), and what the catalogue rules
and the settle step read of each entry."""

from __future__ import annotations

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.rules import (
    capabilities,
    criteria,
    embedding,
    limits,
    links,
    offerings,
    parameters,
    placeholders,
    prices,
    provenance,
    references,
    staleness,
    suppressions,
    unique_names,
)
from llm_class_catalogue.rules.base import CatalogueRule, Context, EntryRule

# `reads` names the parts of each entry's index a check reads: while none of them changed, a warm
# run reuses the check's last result. A check marked `each_entry` judges each entry alone (the time
# rules): when only some files were parsed again, a warm run runs it on those and keeps the rest.
CATALOGUE_RULES: tuple[CatalogueRule, ...] = (
    CatalogueRule(R.UNKNOWN_REFERENCE, references.check, reads=("references",)),
    CatalogueRule(R.DUPLICATE_NAME, unique_names.check, reads=("names",)),
    CatalogueRule(R.CRITERIA_FAILED, criteria.check_fails, reads=("criteria",)),
    CatalogueRule(R.CRITERIA_MET, criteria.check_missing, reads=("criteria",)),
    CatalogueRule(R.LIFECYCLE_CONFLICT, offerings.check_lifecycle, reads=("offerings",)),
    CatalogueRule(R.DUPLICATE_API_ID, offerings.check_api_ids, reads=("offerings",)),
    CatalogueRule(R.STALE, staleness.check_stale, reads=("dates",), each_entry=True),
    CatalogueRule(R.REVIEW_DUE_SOON, staleness.check_due_soon, reads=("dates",), each_entry=True),
    CatalogueRule(R.IMPOSSIBLE_DATE, staleness.check_impossible, reads=("dates",), each_entry=True),
    CatalogueRule(R.LIFECYCLE_DRIFT, staleness.check_lifecycle, reads=("dates",), each_entry=True),
    CatalogueRule(R.FUTURE_PRICE, staleness.check_future_price, reads=("dates",), each_entry=True),
    CatalogueRule(R.INCONSISTENT_TITLE, links.check_titles, reads=("titles",)),
    CatalogueRule(R.OFFERING_EXCEEDS_MODEL, offerings.check_exceeds_model, reads=("offerings",)),
)
ENTRY_RULES: tuple[EntryRule, ...] = (
    EntryRule(R.MALFORMED_URL, links.check_malformed),
    EntryRule(R.PRIVATE_URL, links.check_not_public),
    EntryRule(R.REPEATED_SOURCE, links.check_repeated),
    EntryRule(R.TRACKING_PARAMETERS, links.check_tracking),
    EntryRule(R.ACTIVE_EXCEEDS_TOTAL, parameters.check_active_exceeds_total),
    EntryRule(R.MOE_WITHOUT_ACTIVE, parameters.check_moe_without_active),
    EntryRule(R.UNFILLED_PLACEHOLDER, placeholders.check),
    EntryRule(R.LIMIT_EXCEEDS_WINDOW, limits.check_limit_exceeds_window),
    EntryRule(R.EMBEDDING_WITHOUT_DIMENSIONS, embedding.check_without_dimensions),
    EntryRule(R.DIMENSION_NOT_OFFERED, embedding.check_dimension_offered),
    EntryRule(R.REASONING_CONTROLS_WITHOUT_REASONING, capabilities.check_controls_without_reasoning),
    EntryRule(R.TOOL_USE_WITHOUT_TOOL_CALLING, capabilities.check_tool_use_member),
    EntryRule(R.REASONING_MEMBER_WITHOUT_REASONING, capabilities.check_reasoning_member),
    EntryRule(R.UNKNOWN_SUPPORTED_FACT, provenance.check_unknown_supported),
    EntryRule(R.UNSOURCED_FACT, provenance.check_unsourced),
    EntryRule(R.INCONSISTENT_PRICE, prices.check_consistent),
    EntryRule(R.PRICE_WITHOUT_PRICING_SOURCE, prices.check_pricing_source),
)
ENTRY_CHECKS = tuple(rule.check for rule in ENTRY_RULES)
# What the catalogue rules and the settle step read of each entry, taken when the file is loaded and
# kept in the cache with it, so a warm run never needs the data of an unchanged entry.
EXTRACTS = (
    ("criteria", criteria.extract),
    ("dates", staleness.extract),
    ("names", unique_names.extract),
    ("offerings", offerings.extract),
    ("references", references.extract),
    ("suppressions", suppressions.extract),
    ("titles", links.extract_titles),
)

__all__ = ["CATALOGUE_RULES", "ENTRY_CHECKS", "ENTRY_RULES", "EXTRACTS", "Context"]
