"""Every rule of the linter, in one table: its stable code, name, default severity, where its check
lives and its one-line description. Codes are never reused: S schema and syntax, R references,
T time, L links, C content, K a router's configuration (check-config). Checks emit these rows, never a literal code or severity."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from llm_class_catalogue.model.diagnostics import Diagnostic, Severity


class Where(StrEnum):
    """Where a rule's check lives."""

    FILE = "file"  # the loader, while it reads one file (it needs the text or the event stream)
    ENTRY = "entry"  # a check of one entry alone, run as the file is loaded and cached with it
    CATALOGUE = "catalogue"  # a check that needs the whole catalogue
    ONLINE = "online"  # the online link check (`lint --online`)
    SETTLE = "settle"  # the settle step, which sees every other diagnostic
    CONFIG = "config"  # `catalogue check-config`, on a router's own configuration, against the export


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    where: Where
    description: str

    def at(self, path: str, line: int, column: int, message: str, hint: str | None = None) -> Diagnostic:
        """A diagnostic of this rule, with its default severity (configuration may override it later)."""
        return Diagnostic(path, line, column, self.code, self.severity, message, hint)


ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
FILE, ENTRY, CATALOGUE, ONLINE, SETTLE = Where.FILE, Where.ENTRY, Where.CATALOGUE, Where.ONLINE, Where.SETTLE
CONFIG = Where.CONFIG

# fmt: off

YAML_SYNTAX = Rule("S001", "yaml-syntax", ERR, FILE, "YAML syntax error.")
DUPLICATE_KEY = Rule("S002", "duplicate-key", ERR, FILE, "Duplicate mapping key, including keys that collide once typed (1, '1', true).")
SCHEMA = Rule("S003", "schema", ERR, FILE, "Schema violation, reported as the best match, with did-you-mean for keys and values.")
YAML_FEATURE = Rule("S004", "yaml-feature", ERR, FILE, "Anchor, alias, merge key, explicit tag or % directive.")
PLACEMENT = Rule("S005", "placement", ERR, FILE, "Id differs from the file name, or the file is in the wrong folder for its kind.")
UNUSABLE_FILE = Rule("S006", "unusable-file", ERR, FILE, "File unusable as a whole: not UTF-8, empty, several documents, not a mapping, not a regular file, over the size cap, or nested too deep.")
AMBIGUOUS_SCALAR = Rule("S007", "ambiguous-scalar", ERR, FILE, "Plain scalar that YAML 1.1 and 1.2 read differently, or JSON cannot hold (yes, 010, -.5, =, 0x10, .inf).")
NON_STRING_KEY = Rule("S008", "non-string-key", ERR, FILE, "Mapping key that is not a string (null, number, boolean, sequence or mapping).")
FORBIDDEN_CHARACTER = Rule("S009", "forbidden-character", ERR, FILE, "Control, bidirectional, zero-width or line-separator character, a byte-order mark past the start, or a lone surrogate.")
UNUSED_SUPPRESSION = Rule("S010", "unused-suppression", WARN, SETTLE, "A suppression in an entry that suppresses nothing.")
SCHEMA_MODELINE = Rule("S011", "schema-modeline", WARN, FILE, "Missing or wrong `# yaml-language-server: $schema=` first line.")
UNKNOWN_REFERENCE = Rule("R001", "unknown-reference", ERR, CATALOGUE, "Reference to an unknown id (provider, class, related class, successor, an offering's model or host).")
DUPLICATE_NAME = Rule("R002", "duplicate-name", ERR, CATALOGUE, "The same id or alias used by two entries of one kind.")
CRITERIA_FAILED = Rule("R003", "criteria-failed", ERR, CATALOGUE, "A model in a class whose criteria its facts fail.")
CRITERIA_MET = Rule("R004", "criteria-met", INFO, CATALOGUE, "A model that meets a class's criteria but is not in it.")
LIFECYCLE_CONFLICT = Rule("R005", "lifecycle-conflict", ERR, CATALOGUE, "An offering active, preview or deprecated for a model that is retired or unverified.")
DUPLICATE_API_ID = Rule("R006", "duplicate-api-id", ERR, CATALOGUE, "Two offerings of one host with the same api_id.")
STALE = Rule("T001", "stale", ERR, CATALOGUE, "Last review older than the maximum age for the entry's confidence.")
REVIEW_DUE_SOON = Rule("T002", "review-due-soon", WARN, CATALOGUE, "Review due within the warning window.")
IMPOSSIBLE_DATE = Rule("T003", "impossible-date", ERR, CATALOGUE, "A future review, a release or source after its review, or a retirement before its announcement.")
LIFECYCLE_DRIFT = Rule("T004", "lifecycle-drift", ERR, CATALOGUE, "A model or offering past its retirement date still marked active, preview or deprecated.")
FUTURE_PRICE = Rule("T005", "future-price", ERR, CATALOGUE, "A price that takes effect after today: pricing.effective_from, or a date of the price history.")
MALFORMED_URL = Rule("L001", "malformed-url", ERR, ENTRY, "Malformed URL, or not https (no host, spaces, relative, javascript:, data:).")
PRIVATE_URL = Rule("L002", "private-url", ERR, ENTRY, "A URL that can never be a public source: IP literal, localhost, .local or .internal host, credentials.")
REPEATED_SOURCE = Rule("L003", "repeated-source", ERR, ENTRY, "The same source twice in one entry, once normalised.")
TRACKING_PARAMETERS = Rule("L004", "tracking-parameters", WARN, ENTRY, "Tracking parameters (utm_*, fbclid, gclid) in a URL.")
INCONSISTENT_TITLE = Rule("L005", "inconsistent-title", WARN, CATALOGUE, "One URL given different titles in different entries.")
BROKEN_LINK = Rule("L101", "broken-link", ERR, ONLINE, "Online: broken (DNS failure, connection refused, 404, 410, other 4xx but 401/403/429).")
MOVED_LINK = Rule("L102", "moved-link", WARN, ONLINE, "Online: permanent redirect (301, 308); the final URL is the suggested replacement.")
UNVERIFIABLE_LINK = Rule("L103", "unverifiable-link", WARN, ONLINE, "Online: unverifiable (401, 403, 429, 5xx or timeouts after retries, TLS failure).")
REFUSED_LINK = Rule("L104", "refused-link", ERR, ONLINE, "Online: a hop to a non-public address, another scheme or port, refused unfollowed.")
ACTIVE_EXCEEDS_TOTAL = Rule("C001", "active-exceeds-total", ERR, ENTRY, "Active parameters exceed total parameters.")
MOE_WITHOUT_ACTIVE = Rule("C002", "moe-without-active", ERR, ENTRY, "A mixture-of-experts model with known parameters but no active count.")
UNFILLED_PLACEHOLDER = Rule("C003", "unfilled-placeholder", ERR, ENTRY, "A `<FILL IN ...>` placeholder from `catalogue new` still in an entry.")
LIMIT_EXCEEDS_WINDOW = Rule("C004", "limit-exceeds-window", ERR, ENTRY, "A model's max_output_tokens or max_input_tokens larger than its context window.")
EMBEDDING_WITHOUT_DIMENSIONS = Rule("C005", "embedding-without-dimensions", ERR, ENTRY, "A model of the embedding class without embedding.dimensions (a qualified null is fine).")
DIMENSION_NOT_OFFERED = Rule("C006", "dimension-not-offered", ERR, ENTRY, "The default embedding.dimensions is not among embedding.dimension_options (a list, or a {min, max} range).")
REASONING_CONTROLS_WITHOUT_REASONING = Rule("C007", "reasoning-controls-without-reasoning", ERR, ENTRY, "A reasoning block on a model whose capabilities.reasoning is not true (false, unknown or absent).")
TOOL_USE_WITHOUT_TOOL_CALLING = Rule("C008", "tool-use-without-tool-calling", ERR, ENTRY, "A model of the tool-use class whose capabilities.tool_calling is false.")
REASONING_MEMBER_WITHOUT_REASONING = Rule("C009", "reasoning-member-without-reasoning", ERR, ENTRY, "A model of the reasoning class whose capabilities.reasoning is false.")
UNKNOWN_SUPPORTED_FACT = Rule("C010", "unknown-supported-fact", ERR, ENTRY, "A source's `supports` names no fact, fact group or field of its model or offering.")
UNSOURCED_FACT = Rule("C011", "unsourced-fact", WARN, ENTRY, "A stated fact that no source's `supports` names, in an entry that has begun listing provenance (a source has `supports`).")
# offerings and prices
OFFERING_EXCEEDS_MODEL = Rule("C012", "offering-exceeds-model", ERR, CATALOGUE, "An offering's context window, maximum input or maximum output above its model's.")
INCONSISTENT_PRICE = Rule("C013", "inconsistent-price", ERR, ENTRY, "Prices that contradict each other: a cache read above input, tiers not ascending, a price history out of order, overlapping or past the current price.")
PRICE_WITHOUT_PRICING_SOURCE = Rule("C014", "price-without-pricing-source", ERR, ENTRY, "An offering with prices but no source of kind pricing.")
CONFIG_UNKNOWN_ID = Rule("K001", "config-unknown-id", ERR, CONFIG, "A model id in a router's configuration that the catalogue does not know; the hint gives the closest one.")
CONFIG_UNVERIFIED = Rule("K002", "config-unverified", ERR, CONFIG, "A model no primary source confirms (status unverified): never route to it.")
CONFIG_RETIRED = Rule("K003", "config-retired", ERR, CONFIG, "A retired model or offering; the hint names its successor.")
CONFIG_RETIRING = Rule("K004", "config-retiring", WARN, CONFIG, "A model or offering that retires within the window (90 days unless --within says); the hint names its successor.")
CONFIG_MAX_TOKENS = Rule("K005", "config-max-tokens", ERR, CONFIG, "A requested max_tokens above the output limit: the offering's, or for a bare model id the model's.")
CONFIG_CONTEXT = Rule("K006", "config-context", ERR, CONFIG, "A context-window claim (max_input_tokens) above the model's context window.")
# fmt: on

RULES: tuple[Rule, ...] = (
    YAML_SYNTAX,
    DUPLICATE_KEY,
    SCHEMA,
    YAML_FEATURE,
    PLACEMENT,
    UNUSABLE_FILE,
    AMBIGUOUS_SCALAR,
    NON_STRING_KEY,
    FORBIDDEN_CHARACTER,
    UNUSED_SUPPRESSION,
    SCHEMA_MODELINE,
    UNKNOWN_REFERENCE,
    DUPLICATE_NAME,
    CRITERIA_FAILED,
    CRITERIA_MET,
    LIFECYCLE_CONFLICT,
    DUPLICATE_API_ID,
    STALE,
    REVIEW_DUE_SOON,
    IMPOSSIBLE_DATE,
    LIFECYCLE_DRIFT,
    FUTURE_PRICE,
    MALFORMED_URL,
    PRIVATE_URL,
    REPEATED_SOURCE,
    TRACKING_PARAMETERS,
    INCONSISTENT_TITLE,
    BROKEN_LINK,
    MOVED_LINK,
    UNVERIFIABLE_LINK,
    REFUSED_LINK,
    ACTIVE_EXCEEDS_TOTAL,
    MOE_WITHOUT_ACTIVE,
    UNFILLED_PLACEHOLDER,
    LIMIT_EXCEEDS_WINDOW,
    EMBEDDING_WITHOUT_DIMENSIONS,
    DIMENSION_NOT_OFFERED,
    REASONING_CONTROLS_WITHOUT_REASONING,
    TOOL_USE_WITHOUT_TOOL_CALLING,
    REASONING_MEMBER_WITHOUT_REASONING,
    UNKNOWN_SUPPORTED_FACT,
    UNSOURCED_FACT,
    # offerings and prices
    OFFERING_EXCEEDS_MODEL,
    INCONSISTENT_PRICE,
    PRICE_WITHOUT_PRICING_SOURCE,
    CONFIG_UNKNOWN_ID,
    CONFIG_UNVERIFIED,
    CONFIG_RETIRED,
    CONFIG_RETIRING,
    CONFIG_MAX_TOKENS,
    CONFIG_CONTEXT,
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}
