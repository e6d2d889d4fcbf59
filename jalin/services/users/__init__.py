"""People and their sessions: users (created, invited, disabled), signing in and out, CSRF tokens,
password changes (docs/portal.md, docs/security.md).

A session resolves to the same `Principal` an API key gives, so the portal's pages call the
registry and shipment services with exactly the API's access rules.
"""

from jalin.services.users.accounts import (
    Invitation,
    accept_invite,
    change_password,
    create_user,
    invite_user,
    list_users,
    set_user_disabled,
)
from jalin.services.users.sessions import (
    COOKIE,
    NewSession,
    SignIn,
    Visitor,
    csrf_matches,
    resolve,
    sign_in,
    sign_out,
    start_visitor,
)

__all__ = [
    "COOKIE",
    "Invitation",
    "NewSession",
    "SignIn",
    "Visitor",
    "accept_invite",
    "change_password",
    "create_user",
    "csrf_matches",
    "invite_user",
    "list_users",
    "resolve",
    "set_user_disabled",
    "sign_in",
    "sign_out",
    "start_visitor",
]
