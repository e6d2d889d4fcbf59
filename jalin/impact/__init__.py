"""Collaboration impact: what an agreement, a new member or a member leaving would change.

Pure domain logic, free of storage and frameworks: apply a proposal to the network's feeds and
agreements (`proposal`), compare two grids of one-to-all answers per origin and destination
district and sum them per province and nationally (`compare`), choose which not-yet-active
carrier pairs are worth evaluating (`ranking`), and the published lists the summaries use
(`places`: the provinces' capitals, the disadvantaged regencies of Perpres 63/2020, the
frontier regencies on the land borders).
The planning itself is the routing package's; the use case lives in `jalin.services.impact`.
"""

from jalin.impact.compare import Comparison, Grid, Totals, compare, totals
from jalin.impact.errors import ImpactErrorCode
from jalin.impact.places import (
    Places,
    capital_districts,
    disadvantaged_regencies,
    frontier_regencies,
    published_places,
)
from jalin.impact.proposal import (
    AgreementTerms,
    Carrier,
    Joining,
    Network,
    Pair,
    Proposal,
    apply_proposal,
)

__all__ = [
    "AgreementTerms",
    "Carrier",
    "Comparison",
    "Grid",
    "ImpactErrorCode",
    "Joining",
    "Network",
    "Pair",
    "Places",
    "Proposal",
    "Totals",
    "apply_proposal",
    "capital_districts",
    "compare",
    "disadvantaged_regencies",
    "frontier_regencies",
    "published_places",
    "totals",
]
