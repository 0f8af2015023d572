"""Why a front-door action was refused; pages and the API turn these into messages."""


class FrontDoorError(Exception):
    """Base: the message is for the user, and nothing was written."""

    status = 422


class InvalidContact(FrontDoorError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class WrongState(FrontDoorError):
    """E.g. a decision on a contact that is already decided (409)."""

    status = 409


class NotAllowed(FrontDoorError):
    """E.g. an override approved by someone who may not approve it (403)."""

    status = 403
