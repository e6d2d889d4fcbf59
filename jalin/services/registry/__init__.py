"""Registry use cases, one module per concern: structure, members, applications, agreements,
meetings, keys, reports.

Every function takes the unit of work it runs in and (for what a person does) the acting
`Principal`; it checks what that principal may see and do (the rules are pure functions in
`jalin.registry`), and writes its audit row in the same unit of work as the change. Objects
outside the principal's view are reported as not found, so ids do not leak.
"""

from jalin.services.registry.agreements import (
    MAX_DOCUMENT_BYTES,
    add_document,
    create_agreement,
    get_agreement,
    get_document,
    list_agreements,
    list_agreements_with_rights,
    move_agreement,
    set_terms,
)
from jalin.services.registry.applications import (
    board_name,
    decide_application,
    get_application,
    list_applications,
    submit_application,
)
from jalin.services.registry.keys import IssuedKey, authenticate, create_key, list_keys, revoke_key
from jalin.services.registry.meetings import (
    add_action,
    create_meeting,
    get_meeting,
    list_meetings,
    set_action_status,
)
from jalin.services.registry.members import (
    add_unit,
    create_member,
    directory,
    get_member,
    list_members,
    member_carrier,
    set_member_status,
)
from jalin.services.registry.reports import (
    list_audit,
    report_members_per_province,
    report_overdue,
    report_pipeline,
)
from jalin.services.registry.structure import add_officer, ensure_dpd, ensure_structure, list_boards
from jalin.storage.agreements import active_interline_pairs

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "IssuedKey",
    "active_interline_pairs",
    "add_action",
    "add_document",
    "add_officer",
    "add_unit",
    "authenticate",
    "board_name",
    "create_agreement",
    "create_key",
    "create_meeting",
    "create_member",
    "decide_application",
    "directory",
    "ensure_dpd",
    "ensure_structure",
    "get_agreement",
    "get_application",
    "get_document",
    "get_meeting",
    "get_member",
    "list_agreements",
    "list_agreements_with_rights",
    "list_applications",
    "list_audit",
    "list_boards",
    "list_keys",
    "list_meetings",
    "list_members",
    "member_carrier",
    "move_agreement",
    "report_members_per_province",
    "report_overdue",
    "report_pipeline",
    "revoke_key",
    "set_action_status",
    "set_member_status",
    "set_terms",
    "submit_application",
]
