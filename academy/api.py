"""API plumbing shared by every app: one error body shape for the whole API."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from academy.errors import ApplicationError


def exception_handler(exc, context):
    """Render every API error as {"detail", "code", "fields"}."""
    if isinstance(exc, ApplicationError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {"detail": "The request has invalid fields.", "code": "invalid", "fields": fields}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = detail.code if hasattr(detail, "code") else "error"
        response.data = {"detail": str(detail), "code": code, "fields": {}}
    return response


class TextField(serializers.CharField):
    """A CharField that takes only a JSON string: DRF's own would turn 5 or true into "5" or "True"."""

    default_error_messages = {"not_text": "Send text as a JSON string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)
