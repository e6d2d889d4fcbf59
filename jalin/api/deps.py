"""Shared dependencies as `Annotated` aliases, so routes stay short."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from jalin.geo import AddressResolver, Atlas, get_atlas, get_resolver
from jalin.network.merged import CoverageView
from jalin.services.network_state import NetworkState
from jalin.settings import Settings


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _engine(request: Request) -> Engine:
    return request.app.state.engine


SettingsDep = Annotated[Settings, Depends(_settings)]
EngineDep = Annotated[Engine, Depends(_engine)]
AtlasDep = Annotated[Atlas, Depends(get_atlas)]
ResolverDep = Annotated[AddressResolver, Depends(get_resolver)]


def _state(request: Request) -> NetworkState:
    return request.app.state.network


def _network(request: Request) -> CoverageView:
    return _state(request).current()


StateDep = Annotated[NetworkState, Depends(_state)]
NetworkDep = Annotated[CoverageView, Depends(_network)]
