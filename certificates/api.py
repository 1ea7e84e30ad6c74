"""The certificates API: public verification of a code or a credential, the issuer's keys, my certificates."""

from http import HTTPStatus

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from academy.errors import ApplicationError
from certificates import credential, selectors
from certificates.models import Certificate
from certificates.ratelimit import VERIFY_LIMIT, verification_allowed

# A credential is a couple of kilobytes; this is generous and still cheap to parse.
MAX_CREDENTIAL_BYTES = 64 * 1024


class VerificationOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Certificate.Status.choices)
    name = serializers.CharField(source="learner_name")
    course = serializers.CharField(source="course_title")
    course_version = serializers.IntegerField()
    issued_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)


class CredentialVerificationOutput(serializers.Serializer):
    signature_valid = serializers.BooleanField()
    signature_problem = serializers.CharField(help_text="Empty when the signature is valid.")
    status = serializers.ChoiceField(
        choices=[*Certificate.Status.choices, ("unknown", "Unknown")], allow_null=True,
        help_text="The certificate's status now; null when the signature is not valid, "
                  "unknown when Academy signed it but holds the certificate no more.",
    )
    revoked_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)


class MyCertificateOutput(serializers.ModelSerializer):
    pdf_ready = serializers.BooleanField()
    status = serializers.ChoiceField(choices=Certificate.Status.choices)
    verification_url = serializers.URLField()
    pdf_url = serializers.SerializerMethodField()
    credential_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = ["id", "code", "status", "learner_name", "course_title", "course_version", "issued_at",
                  "expires_at", "revoked_at", "pdf_ready", "verification_url", "pdf_url", "credential_url"]

    def get_pdf_url(self, certificate) -> str | None:
        if not certificate.pdf_ready or certificate.revoked_at:
            return None
        return reverse("certificates:certificate-download", args=[certificate.id])

    def get_credential_url(self, certificate) -> str | None:
        if certificate.revoked_at:
            return None
        return reverse("certificates:credential-download", args=[certificate.id])


def _check_rate(request):
    if not verification_allowed(request):
        raise ApplicationError(
            f"Too many verification requests from your address: at most {VERIFY_LIMIT} a minute. "
            "Wait a minute and try again.",
            code="rate_limited", status=HTTPStatus.TOO_MANY_REQUESTS,
        )


class CertificateVerifyApi(APIView):
    permission_classes = [AllowAny]
    # Public and the same for everyone: no session, so no CSRF and no user to tell apart.
    authentication_classes = []

    @extend_schema(
        responses={200: VerificationOutput, 404: OpenApiResponse(description="No certificate has this code."),
                   429: OpenApiResponse(description="Too many verifications from this address.")},
        summary="Verify a certificate by its code",
    )
    def get(self, request, code):
        _check_rate(request)
        verification = selectors.certificate_verify(code)
        if verification is None:
            raise NotFound()
        return Response(VerificationOutput(verification).data)


class CredentialVerifyApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [JSONParser]

    @extend_schema(
        request={"application/json": {"type": "object", "description": "An Open Badges credential issued here."}},
        responses={200: CredentialVerificationOutput, 400: OpenApiResponse(description="Not a JSON object."),
                   429: OpenApiResponse(description="Too many verifications from this address.")},
        summary="Verify a credential's signature and its certificate's status",
    )
    def post(self, request):
        _check_rate(request)
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_CREDENTIAL_BYTES:
            raise ApplicationError("The credential is too large.", code="too_large",
                                   status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        document = request.data
        if not isinstance(document, dict):
            raise ApplicationError("Send the credential as a JSON object.", code="invalid",
                                   fields={"non_field_errors": ["Expected a JSON object."]})
        check = credential.credential_verify(document)
        result = {"signature_valid": check.valid, "signature_problem": check.reason, "status": None,
                  "revoked_at": None, "expires_at": None}
        if check:
            verification = selectors.certificate_verify(credential.credential_code(document))
            result["status"] = verification.status if verification else "unknown"
            if verification:
                result.update(revoked_at=verification.revoked_at, expires_at=verification.expires_at)
        return Response(CredentialVerificationOutput(result).data)


class CredentialKeysApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: {"type": "object", "description": "A JSON Web Key Set."}},
                   summary="The issuer's public keys, as a JSON Web Key Set")
    def get(self, request):
        key = credential.signing_key().public_key()
        return Response({"keys": [credential.public_jwk(key)]})


class MyCertificateListApi(APIView):
    @extend_schema(responses=MyCertificateOutput(many=True), summary="My certificates")
    def get(self, request):
        learner = selectors.certificates_of_learner(user=request.user)
        return Response(MyCertificateOutput(learner.certificates, many=True).data)
