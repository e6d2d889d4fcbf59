"""Interline route planning: the Pareto set of routes across carriers (quote-v1).

`CompiledNetwork` turns feeds into arrays once; `Planner` answers quotes on it; the slow,
obviously-correct `reference_quote` answers the same question straight from the feeds and is
what the property tests hold the planner to.
"""

from jalin.routing.compiled import CompiledNetwork, HandoverPolicy
from jalin.routing.model import HandoverLeg, NoRoute, Option, QuoteRequest, RunLeg, chargeable_kg
from jalin.routing.planner import Planner
from jalin.routing.reference import reference_quote

__all__ = [
    "CompiledNetwork",
    "HandoverLeg",
    "HandoverPolicy",
    "NoRoute",
    "Option",
    "Planner",
    "QuoteRequest",
    "RunLeg",
    "chargeable_kg",
    "reference_quote",
]
