"""The body of each OPPOSITE step screen, drawn by its page and by the workshop flow."""

from __future__ import annotations

from collections.abc import Callable

from cxdash.opposite import step as opposite_step
from cxdash.ui.steps import (
    execution,
    insights,
    objectives,
    orientation,
    people,
    processes,
    structure,
    technology,
)

_MODULES = {
    m.__name__.rsplit(".", 1)[-1]: m
    for m in (
        orientation,
        people,
        processes,
        objectives,
        structure,
        insights,
        technology,
        execution,
    )
}


def renderer(number: int) -> Callable[..., None]:
    """The ``render(workshop, *, keys, scoring)`` function of step ``number`` (1 to 8)."""
    return _MODULES[opposite_step(number).key].render
