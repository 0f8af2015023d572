from .contact import Contact, ContactPerson, Decision, ReferrerResponse
from .mash import Consent, ConsentOverride, MashAgencyRequest, MashEnquiry

__all__ = [
    "Consent",
    "ConsentOverride",
    "Contact",
    "ContactPerson",
    "Decision",
    "MashAgencyRequest",
    "MashEnquiry",
    "ReferrerResponse",
]
