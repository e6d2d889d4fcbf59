"""API keys and roles. Every route declares who may call it with an `Allow` dependency.

A key is sent as `X-API-Key: jln_xxxxxxxx.secret` or `Authorization: Bearer jln_xxxxxxxx.secret`.
No key means the public. A key that is unknown, wrong or revoked is a 401; a valid key whose role
the route does not allow is a 403. Routes that read one object answer 404 when the object lies
outside the caller's tenant, so ids do not leak.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from jalin.errors import CommonErrorCode, JalinError
from jalin.registry.access import PUBLIC, Principal
from jalin.registry.rules import Role
from jalin.services.registry import authenticate

_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="jln_xxxxxxxx.secret")
_bearer = HTTPBearer(auto_error=False)


class Allow:
    """Dependency: the calling principal, refused unless its role is one of `roles`."""

    def __init__(self, *roles: Role) -> None:
        self.roles = frozenset(roles)

    def __call__(
        self,
        request: Request,
        api_key: Annotated[str | None, Depends(_api_key)],
        bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        token = api_key or (bearer.credentials if bearer else None)
        principal = PUBLIC
        if token:
            found = authenticate(request.app.state.engine, token)
            if found is None:
                raise JalinError(
                    CommonErrorCode.INVALID_API_KEY,
                    "The API key is unknown, mistyped or revoked, or its member is not active.",
                )
            principal = found
        if principal.role not in self.roles:
            if principal.role is Role.PUBLIC:
                raise JalinError(CommonErrorCode.UNAUTHORIZED, "This needs an API key (X-API-Key header).")
            raise JalinError(
                CommonErrorCode.FORBIDDEN,
                f"A {principal.role} key may not do this; allowed: {', '.join(sorted(self.roles))}.",
            )
        return principal


ANYONE = (Role.PUBLIC, Role.MEMBER, Role.OFFICER, Role.ADMIN)
Public = Annotated[Principal, Depends(Allow(*ANYONE))]
AdminOnly = Annotated[Principal, Depends(Allow(Role.ADMIN))]
Staff = Annotated[Principal, Depends(Allow(Role.ADMIN, Role.OFFICER))]
Signed = Annotated[Principal, Depends(Allow(Role.ADMIN, Role.OFFICER, Role.MEMBER))]
AdminOrMember = Annotated[Principal, Depends(Allow(Role.ADMIN, Role.MEMBER))]


def route_roles(route: APIRoute) -> frozenset[Role] | None:
    """The roles a route allows, read from its `Allow` dependency (None when it declares none)."""
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if isinstance(dep.call, Allow):
            return dep.call.roles
        stack.extend(dep.dependencies)
    return None


def declare_roles(routes: list[object]) -> None:
    """Publish each route's roles as `x-roles` in the OpenAPI; refuse to start if one declares none."""
    for route in routes:
        if isinstance(route, APIRoute):
            roles = route_roles(route)
            if roles is None:
                raise RuntimeError(
                    f"route {route.methods} {route.path} declares no roles (add an Allow dependency)"
                )
            route.openapi_extra = {**(route.openapi_extra or {}), "x-roles": sorted(r.value for r in roles)}
