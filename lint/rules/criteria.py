"""R003 and R004: class membership agrees with the class's measurable criteria."""

from __future__ import annotations

from collections.abc import Iterator

from lint.catalogue import Catalogue, Entry
from lint.diagnostics import Diagnostic, Severity
from lint.facts import Test, criterion_test
from lint.rules.base import Context


def _measured_classes(catalogue: Catalogue) -> dict[str, tuple[Entry, Test]]:
    """Each valid class that has criteria, with its criteria compiled."""
    return {
        class_id: (entry, criterion_test(entry.data["criteria"]))
        for class_id, entry in catalogue.of_kind("class").items()
        if entry.valid and "criteria" in entry.data
    }


def check_fails(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """A model in a class whose criteria its facts fail."""
    classes = _measured_classes(catalogue)
    for model in catalogue.of_kind("model").values():
        if not model.valid:
            continue
        for index, class_id in enumerate(model.data["classes"]):
            if class_id in classes and classes[class_id][1](model.data) is False:
                yield model.diagnostic(
                    "R003",
                    f"in class `{class_id}` but its facts fail the class's criteria",
                    "classes",
                    index,
                    hint=f"check the facts, or remove the class (criteria in {classes[class_id][0].path})",
                )


def check_missing(catalogue: Catalogue, context: Context) -> Iterator[Diagnostic]:
    """A model whose facts meet a class's criteria but that is not in the class."""
    classes = _measured_classes(catalogue)
    for model in catalogue.of_kind("model").values():
        if not model.valid:
            continue
        for class_id, (_, test) in classes.items():
            if class_id not in model.data["classes"] and test(model.data) is True:
                yield model.diagnostic(
                    "R004",
                    f"meets the criteria of class `{class_id}` but is not in it",
                    "classes",
                    hint=f"add {class_id} to classes, or suppress R004 with a reason",
                    severity=Severity.INFO,
                    key=True,
                )
