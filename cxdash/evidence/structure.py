"""Evidence for step 5 (structure): the RASCI matrix the team keeps.

Both functions take the ``raci`` rows as :func:`cxdash.artefacts.read` returns
them (``activity``, ``team``, ``role``); the table is small, so it is shaped
in pandas rather than queried again.
"""

from __future__ import annotations

import pandas as pd

from cxdash.schema import RACI_ROLES

# The roles that carry the work: Responsible does it, Accountable answers for it.
LOAD_ROLES = ("R", "A")


def _teams_by_load(raci: pd.DataFrame) -> list[str]:
    """Teams with the most R and A first, then by activities involved, then by name."""
    teams = raci["team"].astype(str)
    carrying = raci["role"].isin(LOAD_ROLES)
    load = carrying.groupby(teams).sum()
    involved = teams.value_counts()
    return sorted(involved.index, key=lambda t: (-load.get(t, 0), -involved[t], t))


def team_load(raci: pd.DataFrame) -> pd.DataFrame:
    """How many activities each team is Responsible (R) or Accountable (A) for.

    Columns: ``team``, ``role`` (R or A), ``activities`` (int). Every team that
    appears in the matrix has both roles (zero when it has none, so a team that
    is only consulted or informed still shows); teams with the most R and A
    first. No rows: zero rows.
    """
    if raci.empty:
        return pd.DataFrame(
            {
                "team": pd.Series(dtype="object"),
                "role": pd.Series(dtype="object"),
                "activities": pd.Series(dtype="int64"),
            }
        )
    grid = pd.MultiIndex.from_product(
        [_teams_by_load(raci), LOAD_ROLES], names=["team", "role"]
    ).to_frame(index=False)
    counts = (
        raci[raci["role"].isin(LOAD_ROLES)]
        .groupby(["team", "role"])
        .size()
        .rename("activities")
        .reset_index()
    )
    frame = grid.merge(counts, on=["team", "role"], how="left").fillna({"activities": 0})
    return frame.astype({"activities": "int64"})


def rasci_matrix(raci: pd.DataFrame) -> pd.DataFrame:
    """The RASCI matrix as a grid: one row per activity, one column per team.

    Columns: ``activity``, then one column per team (teams with the most R and
    A first) holding the role letter, or ``""`` where the team plays no role.
    Activities keep the order they first appear in. No rows: only the
    ``activity`` column, zero rows.
    """
    if raci.empty:
        return pd.DataFrame({"activity": pd.Series(dtype="object")})
    teams = _teams_by_load(raci)
    activities = list(dict.fromkeys(raci["activity"].astype(str)))
    roles = raci.assign(role=raci["role"].astype(str).where(raci["role"].isin(RACI_ROLES), ""))
    grid = roles.pivot(index="activity", columns="team", values="role")
    grid = grid.reindex(index=activities, columns=teams).fillna("").astype(object)
    grid.columns.name = None
    return grid.rename_axis("activity").reset_index()
