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
    agreements_page,
    create_agreement,
    get_agreement,
    get_document,
    list_agreements,
    list_agreements_with_rights,
    move_agreement,
    set_terms,
)
from jalin.services.registry.applications import (
    applications_page,
    board_name,
    decide_application,
    get_application,
    list_applications,
    submit_application,
)
from jalin.services.registry.keys import IssuedKey, authenticate, create_key, keys_page, list_keys, revoke_key
from jalin.services.registry.meetings import (
    add_action,
    create_meeting,
    get_meeting,
    list_meetings,
    meetings_page,
    set_action_status,
)
from jalin.services.registry.members import (
    add_unit,
    create_member,
    directory,
    directory_page,
    get_member,
    list_members,
    member_carrier,
    members_page,
    set_member_status,
)
from jalin.services.registry.reports import (
    audit_page,
    list_audit,
    members_per_province_page,
    overdue_page,
    pipeline_page,
    report_members_per_province,
    report_overdue,
    report_pipeline,
)
from jalin.services.registry.structure import (
    add_officer,
    boards_page,
    ensure_dpd,
    ensure_structure,
    list_boards,
)
from jalin.storage.agreements import active_interline_pairs

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "IssuedKey",
    "active_interline_pairs",
    "add_action",
    "add_document",
    "add_officer",
    "add_unit",
    "agreements_page",
    "applications_page",
    "audit_page",
    "authenticate",
    "board_name",
    "boards_page",
    "create_agreement",
    "create_key",
    "create_meeting",
    "create_member",
    "decide_application",
    "directory",
    "directory_page",
    "ensure_dpd",
    "ensure_structure",
    "get_agreement",
    "get_application",
    "get_document",
    "get_meeting",
    "get_member",
    "keys_page",
    "list_agreements",
    "list_agreements_with_rights",
    "list_applications",
    "list_audit",
    "list_boards",
    "list_keys",
    "list_meetings",
    "list_members",
    "meetings_page",
    "member_carrier",
    "members_page",
    "members_per_province_page",
    "move_agreement",
    "overdue_page",
    "pipeline_page",
    "report_members_per_province",
    "report_overdue",
    "report_pipeline",
    "revoke_key",
    "set_action_status",
    "set_member_status",
    "set_terms",
    "submit_application",
]
