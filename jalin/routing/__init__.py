"""Interline route planning: the Pareto set of routes across carriers (quote-v1).

`CompiledNetwork` turns feeds into arrays once; `Planner` answers quotes on it. The property
tests hold the planner to an independent reference that shares no code with this package
(tests/reference_planner.py).
"""

from jalin.routing.compiled import CompiledNetwork, HandoverPolicy
from jalin.routing.model import HandoverLeg, NoRoute, Option, QuoteRequest, RunLeg, chargeable_kg
from jalin.routing.planner import Planner

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
]
