"""The members pages of a branch: list, record, admission, status changes, logins, ratings, history."""

from members.views.account import account_grant, account_revoke
from members.views.exports import member_export, ratings_export, transfer_file
from members.views.history import member_history
from members.views.imports import import_confirm, import_job, import_start, import_status, import_template
from members.views.listing import member_list
from members.views.picker import member_picker
from members.views.ratings import branch_ratings, member_ratings
from members.views.records import member_add, member_contact, member_delete, member_detail, member_edit
from members.views.status import member_status_change
from members.views.transfer_batches import transfer_batch
from members.views.transfers import transfer_list, transfer_record, transfer_refuse

__all__ = [
    "account_grant",
    "account_revoke",
    "branch_ratings",
    "import_confirm",
    "import_job",
    "import_start",
    "import_status",
    "import_template",
    "member_add",
    "member_contact",
    "member_delete",
    "member_detail",
    "member_edit",
    "member_export",
    "member_history",
    "member_list",
    "member_picker",
    "member_ratings",
    "member_status_change",
    "ratings_export",
    "transfer_batch",
    "transfer_file",
    "transfer_list",
    "transfer_record",
    "transfer_refuse",
]
