"""Every rule, in one table. Codes are stable and never reused: S schema and syntax,
R references, T time, L links, C content."""

from __future__ import annotations

from llm_class_catalogue.model.diagnostics import Severity
from llm_class_catalogue.rules import (
    criteria,
    links,
    parameters,
    placeholders,
    references,
    staleness,
    suppressions,
    unique_names,
)
from llm_class_catalogue.rules.base import Context, Rule

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: tuple[Rule, ...] = (
    Rule("S001", "yaml-syntax", ERR, "YAML syntax error."),
    Rule("S002", "duplicate-key", ERR, "Duplicate mapping key, including keys that collide once typed (1, '1', true)."),
    Rule("S003", "schema", ERR, "Schema violation, reported as the best match, with did-you-mean for keys and values."),
    Rule("S004", "yaml-feature", ERR, "Anchor, alias, merge key, explicit tag or % directive."),
    Rule("S005", "placement", ERR, "Id differs from the file name, or the file is in the wrong folder for its kind."),
    Rule(
        "S006",
        "unusable-file",
        ERR,
        "File unusable as a whole: not UTF-8, empty, several documents, not a mapping, "
        "not a regular file, over the size cap, or nested too deep.",
    ),
    Rule(
        "S007",
        "ambiguous-scalar",
        ERR,
        "Plain scalar that YAML 1.1 and 1.2 read differently, or JSON cannot hold (yes, 010, -.5, =, 0x10, .inf).",
    ),
    Rule(
        "S008", "non-string-key", ERR, "Mapping key that is not a string (null, number, boolean, sequence or mapping)."
    ),
    Rule(
        "S009",
        "forbidden-character",
        ERR,
        "Control, bidirectional, zero-width or line-separator character, "
        "a byte-order mark past the start, or a lone surrogate.",
    ),
    Rule("S010", "unused-suppression", WARN, "A suppression in an entry that suppresses nothing."),
    Rule("S011", "schema-modeline", WARN, "Missing or wrong `# yaml-language-server: $schema=` first line."),
    Rule(
        "R001",
        "unknown-reference",
        ERR,
        "Reference to an unknown id (provider, class, related class, successor).",
        references.check,
        reads=("references",),
    ),
    Rule(
        "R002",
        "duplicate-name",
        ERR,
        "The same id or alias used by two entries of one kind.",
        unique_names.check,
        reads=("names",),
    ),
    Rule(
        "R003",
        "criteria-failed",
        ERR,
        "A model in a class whose criteria its facts fail.",
        criteria.check_fails,
        reads=("criteria",),
    ),
    Rule(
        "R004",
        "criteria-met",
        INFO,
        "A model that meets a class's criteria but is not in it.",
        criteria.check_missing,
        reads=("criteria",),
    ),
    Rule(
        "T001",
        "stale",
        ERR,
        "Last review older than the maximum age for the entry's confidence.",
        staleness.check_stale,
        reads=("dates",),
    ),
    Rule(
        "T002",
        "review-due-soon",
        WARN,
        "Review due within the warning window.",
        staleness.check_due_soon,
        reads=("dates",),
    ),
    Rule(
        "T003",
        "impossible-date",
        ERR,
        "A future review, a release or source after its review, or a retirement before its announcement.",
        staleness.check_impossible,
        reads=("dates",),
    ),
    Rule(
        "T004",
        "lifecycle-drift",
        ERR,
        "A model past its retirement date still marked active, preview or deprecated.",
        staleness.check_lifecycle,
        reads=("dates",),
    ),
    Rule(
        "L001",
        "malformed-url",
        ERR,
        "Malformed URL, or not https (no host, spaces, relative, javascript:, data:).",
        entry_check=links.check_malformed,
    ),
    Rule(
        "L002",
        "private-url",
        ERR,
        "A URL that can never be a public source: IP literal, localhost, .local or .internal host, credentials.",
        entry_check=links.check_not_public,
    ),
    Rule(
        "L003",
        "repeated-source",
        ERR,
        "The same source twice in one entry, once normalised.",
        entry_check=links.check_repeated,
    ),
    Rule(
        "L004",
        "tracking-parameters",
        WARN,
        "Tracking parameters (utm_*, fbclid, gclid) in a URL.",
        entry_check=links.check_tracking,
    ),
    Rule(
        "L005",
        "inconsistent-title",
        WARN,
        "One URL given different titles in different entries.",
        links.check_titles,
        reads=("titles",),
    ),
    Rule(
        "L101",
        "broken-link",
        ERR,
        "Online: broken (DNS failure, connection refused, 404, 410, other 4xx but 401/403/429).",
    ),
    Rule(
        "L102", "moved-link", WARN, "Online: permanent redirect (301, 308); the final URL is the suggested replacement."
    ),
    Rule(
        "L103",
        "unverifiable-link",
        WARN,
        "Online: unverifiable (401, 403, 429, 5xx or timeouts after retries, TLS failure).",
    ),
    Rule(
        "L104",
        "refused-link",
        ERR,
        "Online: a hop to a non-public address, another scheme or port, refused unfollowed.",
    ),
    Rule(
        "C001",
        "active-exceeds-total",
        ERR,
        "Active parameters exceed total parameters.",
        entry_check=parameters.check_active_exceeds_total,
    ),
    Rule(
        "C002",
        "moe-without-active",
        ERR,
        "A mixture-of-experts model with known parameters but no active count.",
        entry_check=parameters.check_moe_without_active,
    ),
    Rule(
        "C003",
        "unfilled-placeholder",
        ERR,
        "A `<FILL IN ...>` placeholder from `catalogue new` still in an entry.",
        entry_check=placeholders.check,
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}

__all__ = ["ENTRY_CHECKS", "EXTRACTS", "RULES", "RULES_BY_CODE", "Context", "Rule"]

ENTRY_CHECKS = tuple(rule.entry_check for rule in RULES if rule.entry_check is not None)
# What the catalogue rules and the engine read of each entry, taken when the file is loaded and kept
# in the cache with it, so a warm run never needs the data of an unchanged entry.
EXTRACTS = (
    ("criteria", criteria.extract),
    ("dates", staleness.extract),
    ("names", unique_names.extract),
    ("references", references.extract),
    ("suppressions", suppressions.extract),
    ("titles", links.extract_titles),
)
