"""R003 and R004: class membership agrees with the class's measurable criteria."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from llm_class_catalogue.model import ruletable as R
from llm_class_catalogue.model.diagnostics import Diagnostic
from llm_class_catalogue.model.entry import Catalogue, Entry
from llm_class_catalogue.model.facts import CRITERIA_FIELDS, UNKNOWN, Test, criterion_test, unwrap
from llm_class_catalogue.rules.base import Context

# The model fields a criterion can test (the first part of each fact name the class schema allows).


def extract(entry: Entry) -> dict[str, Any] | None:
    """A valid class's criteria; a valid model's classes and the facts criteria test."""
    if not entry.valid:
        return None
    if entry.kind == "class" and "criteria" in entry.data:
        return {"criteria": entry.data["criteria"]}
    if entry.kind == "model":
        facts = {name: unwrap(entry.data[name]) for name in CRITERIA_FIELDS if name in entry.data}
        return {"classes": entry.data["classes"], "facts": {k: v for k, v in facts.items() if v is not UNKNOWN}}
    return None


def _measured_classes(catalogue: Catalogue) -> dict[str, tuple[Entry, Test]]:
    """Each valid class that has criteria, with its criteria compiled."""
    return {
        class_id: (entry, criterion_test(entry.index["criteria"]["criteria"]))
        for class_id, entry in catalogue.of_kind("class").items()
        if entry.index["criteria"] is not None
    }


def _models(catalogue: Catalogue) -> Iterator[tuple[Entry, list[str], dict[str, Any]]]:
    """(model, its classes, its facts) for every valid model."""
    for model in catalogue.of_kind("model").values():
        if model.index["criteria"] is not None:
            yield model, model.index["criteria"]["classes"], model.index["criteria"]["facts"]


def check_fails(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """A model in a class whose criteria its facts fail."""
    classes = _measured_classes(catalogue)
    for model, member_of, facts in _models(catalogue):
        for index, class_id in enumerate(member_of):
            if class_id in classes and classes[class_id][1](facts) is False:
                yield model.diagnostic(
                    R.CRITERIA_FAILED,
                    f"in class `{class_id}` but its facts fail the class's criteria",
                    "classes",
                    index,
                    hint=f"check the facts, or remove the class (criteria in {classes[class_id][0].path})",
                )


def check_missing(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """A model whose facts meet a class's criteria but that is not in the class."""
    classes = _measured_classes(catalogue)
    for model, member_of, facts in _models(catalogue):
        for class_id, (_, test) in classes.items():
            if class_id not in member_of and test(facts) is True:
                yield model.diagnostic(
                    R.CRITERIA_MET,
                    f"meets the criteria of class `{class_id}` but is not in it",
                    "classes",
                    hint=f"add {class_id} to classes, or suppress R004 with a reason",
                    key=True,
                )
