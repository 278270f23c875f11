"""Global filters (segment, region, channel) and the rows they select.

Segment and region live on ``customers``: a row whose customer is not there
drops out under those filters. Channel is the row's own ``channel`` column.
Filter values are always bound parameters; only the parameter names, which
this module makes up, appear in SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass

# Datasets whose rows belong to a customer and carry their own channel.
_CUSTOMER_ROWS = ("orders", "touchpoints", "tickets", "surveys")


@dataclass(frozen=True)
class Filters:
    segments: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()

    @property
    def by_customer(self) -> bool:
        """True when a segment or region filter is on."""
        return bool(self.segments or self.regions)

    def is_empty(self) -> bool:
        return not (self.segments or self.regions or self.channels)


def _in_list(column: str, name: str, values: tuple[str, ...], params: dict) -> str:
    names = []
    for i, value in enumerate(values):
        key = f"{name}_{i}"
        params[key] = value
        names.append(f"${key}")
    return f"{column} IN ({', '.join(names)})"


def predicate(dataset: str, filters: Filters, alias: str) -> tuple[str, dict]:
    """A WHERE condition selecting ``dataset`` rows (aliased ``alias``) under ``filters``.

    Returns ``("TRUE", {})`` when nothing is filtered. For ``campaigns`` only the
    channel filter applies; callers must treat campaign spend as unknown under a
    segment or region filter (see ``Filters.by_customer``).
    """
    params: dict = {}
    parts: list[str] = []
    if dataset in _CUSTOMER_ROWS and filters.by_customer:
        inner = []
        if filters.segments:
            inner.append(_in_list("f_c.segment", "f_segment", filters.segments, params))
        if filters.regions:
            inner.append(_in_list("f_c.region", "f_region", filters.regions, params))
        parts.append(
            f"{alias}.customer_id IN (SELECT f_c.customer_id FROM customers AS f_c "
            f"WHERE {' AND '.join(inner)})"
        )
    elif dataset == "customers":
        if filters.segments:
            parts.append(_in_list(f"{alias}.segment", "f_segment", filters.segments, params))
        if filters.regions:
            parts.append(_in_list(f"{alias}.region", "f_region", filters.regions, params))
    if filters.channels and dataset in (*_CUSTOMER_ROWS, "campaigns"):
        parts.append(_in_list(f"{alias}.channel", "f_channel", filters.channels, params))
    return (" AND ".join(parts) if parts else "TRUE"), params
