from django import template

register = template.Library()

ACTION_LABELS = {
    "create": "Created the record",
    "update": "Changed details",
    "view": "Opened the record",
    "api_view": "Read the record through the API",
    "view_access_log": "Read who has looked at the record",
    "add_name": "Added a name",
    "add_relationship": "Added a relationship",
    "add_address": "Added an address",
    "join_household": "Joined a household",
    "leave_household": "Left a household",
    "share": "Shared with a partner agency",
    "break_glass": "Broke the glass",
    "merge": "Merged records",
    "unmerge": "Reversed a merge",
    "restrict": "Restricted the record",
    "unrestrict": "Lifted the restriction",
    "name_user": "Named a user on the record",
    "unname_user": "Removed a named user",
    "contact_linked": "Named on a contact",
    "consent": "Consent recorded for MASH",
    "referred": "Referred to a team",
}


@register.filter
def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action.replace("_", " ").capitalize())
