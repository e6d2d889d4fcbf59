"""Interline route planning: the Pareto set of routes across carriers (quote-v1).

`CompiledNetwork` turns feeds into arrays once; `Planner` answers quotes on it. The property
tests hold the planner to an independent reference that shares no code with this package
(tests/reference_planner.py).

`Planner` is imported on first use: it brings numba (about half a second to import and set
up), which reading coverage from a compiled network does not need.
"""

from typing import TYPE_CHECKING, Any

from jalin.routing.compiled import CompiledNetwork, HandoverPolicy
from jalin.routing.model import HandoverLeg, NoRoute, Option, QuoteRequest, RunLeg, chargeable_kg

if TYPE_CHECKING:
    from jalin.routing.planner import Planner


def __getattr__(name: str) -> Any:
    if name == "Planner":
        from jalin.routing.planner import Planner

        return Planner
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
