"""The lifecycle calendar: parsed back with the icalendar library, one event per dated deprecation and
retirement, stable UIDs, RFC 5545 line ends and folding, and the same bytes for the same data."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from llm_class_catalogue.outputs import calendar

REPO = Path(__file__).resolve().parent.parent
EXPORT = json.loads((REPO / "export/v2/catalogue.json").read_text(encoding="utf-8"))
RAW = (REPO / calendar.PATH).read_bytes()


def dated() -> set[tuple[str, str, str, str]]:
    """(kind, id, event, day) for every dated announcement and retirement in export 2."""
    found = set()
    for collection, kind in (("models", "model"), ("offerings", "offering")):
        for record in EXPORT[collection]:
            deprecation = record["deprecation"] or {}
            for field, event in (("announced", "deprecated"), ("retires", "retires")):
                if deprecation.get(field):
                    found.add((kind, record["id"], event, deprecation[field]))
    return found


def test_the_committed_calendar_parses_with_one_event_per_dated_deprecation_and_retirement() -> None:
    parsed = icalendar.Calendar.from_ical(RAW.decode("utf-8"))
    events = parsed.walk("VEVENT")
    seen = set()
    for event in events:
        kind, rest = str(event["UID"]).split("-", 1)
        entity, name = rest.removesuffix(f"@{calendar.UID_DOMAIN}").rsplit("-", 1)
        seen.add((kind, entity, name, event["DTSTART"].dt.isoformat()))
    assert len(events) == len(seen) == len(dated()) and seen == dated()
    assert len(dated()) >= 20


def test_each_event_names_the_successor_and_is_all_day() -> None:
    events = {str(event["UID"]): event for event in icalendar.Calendar.from_ical(RAW).walk("VEVENT")}
    retires = events[f"offering-gpt-4o--openai-retires@{calendar.UID_DOMAIN}"]
    assert "Its successor: gpt-6-luna." in str(retires["DESCRIPTION"])
    assert retires["DTSTART"].dt.isoformat() == "2027-01-14" and retires["DTEND"].dt.isoformat() == "2027-01-15"
    assert retires["DTSTAMP"].dt.date().isoformat() == next(
        item["review"]["checked"] for item in EXPORT["offerings"] if item["id"] == "gpt-4o--openai"
    )


def test_lines_end_in_crlf_and_are_folded_at_75_octets() -> None:
    lines = RAW.split(b"\r\n")
    assert RAW.endswith(b"END:VCALENDAR\r\n") and b"\n" not in RAW.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # some description was long enough to fold


@pytest.mark.parametrize("text", ["a" * 200, "é" * 100, "日本語のテキスト" * 12, "x" + "€" * 40])
def test_folding_never_splits_a_character_and_unfolds_to_the_line(text: str) -> None:
    folded = calendar.fold(f"DESCRIPTION:{text}").encode("utf-8")
    assert all(len(line) <= 75 for line in folded.split(b"\r\n"))
    assert folded.decode("utf-8").replace("\r\n ", "") == f"DESCRIPTION:{text}\r\n"


def test_text_is_escaped_as_rfc_5545_says() -> None:
    assert calendar.escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"


def test_uids_stay_when_a_date_moves_and_the_build_is_deterministic() -> None:
    moved = json.loads(json.dumps(EXPORT))
    offering = next(item for item in moved["offerings"] if item["id"] == "gpt-4o--openai")
    offering["deprecation"]["retires"] = "2027-02-01"
    before = {event.uid: event.day for event in calendar.events(EXPORT)}
    after = {event.uid: event.day for event in calendar.events(moved)}
    assert before.keys() == after.keys()
    assert after[f"offering-gpt-4o--openai-retires@{calendar.UID_DOMAIN}"] == "2027-02-01"
    assert calendar.build(EXPORT).encode("utf-8") == RAW == calendar.build(json.loads(json.dumps(EXPORT))).encode()
