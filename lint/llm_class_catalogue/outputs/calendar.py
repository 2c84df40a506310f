"""The lifecycle calendar (RFC 5545): an all-day event on each deprecation announcement and each retirement.

Made from export 2: every model and offering with a dated `deprecation.announced` or `deprecation.retires`,
retired ones included. UIDs are `<kind>-<id>-<deprecated|retires>@llm-class-catalogue`, so a calendar
client that subscribed updates an event when its date moves instead of adding another. DTSTAMP is the
entry's review date, not the time of the build: the same data gives the same bytes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

PATH = "export/lifecycle.ics"
PRODID = "-//LLM class catalogue//Lifecycle calendar//EN"
UID_DOMAIN = "llm-class-catalogue"
LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded


class Event(NamedTuple):
    """One lifecycle event, sorted by day, then UID."""

    day: str
    uid: str
    stamp: str
    summary: str
    description: str
    url: str | None


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslashes, semicolons, commas and newlines escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    pieces: list[bytes] = []
    start, limit = 0, LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before the character it belongs to
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, LINE_OCTETS - 1  # a continuation line starts with one space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8") + "\r\n"


def _compact(day: str) -> str:
    return day.replace("-", "")


def _events(kind: str, record: dict[str, Any], label: str, successor: str | None, stamp: str) -> list[Event]:
    deprecation = record["deprecation"] or {}
    backing = [source["url"] for source in record["sources"] if "deprecation" in source["supports"]]
    url = (backing or [source["url"] for source in record["sources"]] or [None])[0]
    then = f" Its successor: {successor}." if successor else " No successor is recorded."
    note = f" {deprecation['note']}" if deprecation.get("note") else ""
    retires = deprecation.get("retires")
    events = []
    if deprecation.get("announced"):
        until = f", to retire on {retires}" if retires else ""
        events.append(
            Event(
                deprecation["announced"],
                f"{kind}-{record['id']}-deprecated@{UID_DOMAIN}",
                stamp,
                f"{label} deprecated",
                f"{label} ({kind} {record['id']}) was announced as deprecated{until}.{then}{note}",
                url,
            )
        )
    if retires:
        events.append(
            Event(
                retires,
                f"{kind}-{record['id']}-retires@{UID_DOMAIN}",
                stamp,
                f"{label} retires",
                f"{label} ({kind} {record['id']}) stops being served.{then}{note}",
                url,
            )
        )
    return events


def events(document: dict[str, Any]) -> list[Event]:
    """Every dated deprecation and retirement of export 2's models and offerings, by day, then UID."""
    found: list[Event] = []
    for model in document["models"]:
        successor = model["successor"] or (model["deprecation"] or {}).get("successor")
        stamp = model["review"]["last_reviewed"]
        found += _events("model", model, model["name"], successor, stamp)
    models = {model["id"]: model for model in document["models"]}
    for offering in document["offerings"]:
        model = models.get(offering["model"])
        label = f"{model['name'] if model else offering['model']} on {offering['host']} ({offering['api_id']})"
        successor = (offering["deprecation"] or {}).get("successor")
        found += _events("offering", offering, label, successor, offering["review"]["checked"])
    return sorted(found)


def _vevent(event: Event) -> list[str]:
    start = date.fromisoformat(event.day)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_compact(event.stamp)}T000000Z",
        f"DTSTART;VALUE=DATE:{_compact(event.day)}",
        f"DTEND;VALUE=DATE:{(start + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape(event.summary)}",
        f"DESCRIPTION:{escape(event.description)}",
        "TRANSP:TRANSPARENT",
    ]
    if event.url:
        lines.append(f"URL:{event.url}")
    return [*lines, "END:VEVENT"]


def build(document: dict[str, Any]) -> str:
    """The calendar's text: CRLF line ends, folded lines, a final CRLF."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:LLM lifecycle (LLM class catalogue)",
        f"X-WR-CALDESC:{escape('Deprecations and retirements of the catalogued models and offerings.')}",
    ]
    for event in events(document):
        lines += _vevent(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
