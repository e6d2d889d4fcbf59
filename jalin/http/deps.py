"""Shared dependencies as `Annotated` aliases, so routes stay short."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from jalin.geo import AddressResolver, Atlas, get_atlas, get_resolver
from jalin.network.merged import CoverageView
from jalin.services.network_state import NetworkState
from jalin.settings import Settings
from jalin.storage.uow import UnitOfWork, unit_of_work


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _engine(request: Request) -> Engine:
    return request.app.state.engine


def _uow(request: Request) -> Iterator[UnitOfWork]:
    """One unit of work per request: committed when the route returns (before the response is
    sent, so a failed commit is an error answer, never a lost write), rolled back if it raises."""
    with unit_of_work(request.app.state.engine) as uow:
        yield uow


SettingsDep = Annotated[Settings, Depends(_settings)]
EngineDep = Annotated[Engine, Depends(_engine)]
UowDep = Annotated[UnitOfWork, Depends(_uow, scope="function")]
AtlasDep = Annotated[Atlas, Depends(get_atlas)]
ResolverDep = Annotated[AddressResolver, Depends(get_resolver)]


def _state(request: Request) -> NetworkState:
    return request.app.state.network


def _network(request: Request) -> CoverageView:
    return _state(request).current()


StateDep = Annotated[NetworkState, Depends(_state)]
NetworkDep = Annotated[CoverageView, Depends(_network)]
