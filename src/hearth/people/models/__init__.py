from .family import Address, Household, HouseholdMembership, PersonAddress, Relationship
from .merge import Merge
from .person import AgencyShare, BreakGlass, Person, PersonName, RestrictedAccess
from .search_index import PersonSearchName

__all__ = [
    "Address",
    "AgencyShare",
    "BreakGlass",
    "Household",
    "HouseholdMembership",
    "Merge",
    "Person",
    "PersonAddress",
    "PersonName",
    "PersonSearchName",
    "Relationship",
    "RestrictedAccess",
]
