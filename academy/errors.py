"""The one error type services raise, with a code and the HTTP status it maps to."""

from http import HTTPStatus


class ApplicationError(Exception):
    """A refusal a user can act on: bad input, a rule broken, no access.

    Services raise it; the API's exception handler and the pages' middleware turn
    it into one response shape with the status below.
    """

    status = HTTPStatus.BAD_REQUEST

    def __init__(self, message, *, code="invalid", fields=None, status=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.fields = fields or {}
        if status is not None:
            self.status = status

    def as_dict(self):
        return {"detail": self.message, "code": self.code, "fields": self.fields}


class PermissionDenied(ApplicationError):
    status = HTTPStatus.FORBIDDEN


class Conflict(ApplicationError):
    status = HTTPStatus.CONFLICT
