"""The Open Badges credential: its shape, its Ed25519 signature, the signing key, and who may download it."""

import base64
import copy
import json
import stat
from http import HTTPStatus

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates import credential
from certificates.credential import canonical_bytes, credential_for, credential_verify
from tests.certificates.factories import issued_certificate
from tests.factories import PASSWORD, CourseFactory, UserFactory


@pytest.fixture
def certificate(db):
    user = UserFactory(username="lena", first_name="Lena", last_name="Lindqvist")
    return issued_certificate(user, CourseFactory(title="Calm calls", version=2))


@pytest.fixture
def document(certificate):
    return credential_for(certificate)


def test_the_credential_is_an_open_badge_verifiable_credential(document, certificate, settings):
    assert document["@context"] == ["https://www.w3.org/ns/credentials/v2",
                                    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["id"] == f"{settings.SITE_URL}/certificates/verify/{certificate.code}/"
    assert document["issuer"]["id"] == f"{settings.SITE_URL}/certificates/issuer/"
    assert document["validFrom"].endswith("Z")
    assert "validUntil" not in document
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["name"] == "Calm calls"
    assert "version 2" in achievement["description"]
    assert document["credentialSubject"]["identifier"][0]["identityHash"] == "Lena Lindqvist"
    assert document["proof"]["type"] == "DataIntegrityProof"
    assert document["proof"]["cryptosuite"] == "academy-ed25519-jcs-2025"


def test_an_issued_credential_verifies(document):
    assert credential_verify(document)
    assert credential_verify(json.loads(json.dumps(document, indent=4)))  # whitespace and order do not matter


def test_the_same_certificate_gives_the_same_credential(certificate, document):
    assert credential_for(certificate) == document


@pytest.mark.parametrize("change", [
    lambda d: d.update(validFrom="2020-01-01T00:00:00Z"),
    lambda d: d["credentialSubject"]["identifier"][0].update(identityHash="Mallory"),
    lambda d: d["credentialSubject"]["achievement"].update(name="Another course"),
    lambda d: d["issuer"].update(name="Someone else"),
    lambda d: d.update(id=d["id"].replace("verify/", "verify/x")),
    lambda d: d["type"].append("Extra"),
    lambda d: d.update(validUntil="2030-01-01T00:00:00Z"),
    lambda d: d.pop("name"),
])
def test_changing_any_field_breaks_the_signature(document, change):
    changed = copy.deepcopy(document)
    change(changed)

    check = credential_verify(changed)

    assert not check
    assert "signature does not match" in check.reason


@pytest.mark.parametrize("change, reason", [
    (lambda d: d.pop("proof"), "no proof"),
    (lambda d: d["proof"].update(cryptosuite="eddsa-rdfc-2022"), "cryptosuite"),
    (lambda d: d["proof"].update(verificationMethod="https://evil.example/#key"), "does not hold"),
    (lambda d: d["proof"].update(proofValue="not base64!"), "proofValue"),
    (lambda d: d["proof"].update(proofValue=d["proof"]["proofValue"][:-4]), "proofValue"),
])
def test_a_bad_proof_is_refused_with_a_reason(document, change, reason):
    changed = copy.deepcopy(document)
    change(changed)

    check = credential_verify(changed)

    assert not check
    assert reason in check.reason


def test_anyone_can_verify_with_the_published_key_and_the_documented_bytes(document, visitor):
    profile = visitor.get(reverse("certificates:issuer")).json()
    method = next(m for m in profile["verificationMethod"] if m["type"] == "JsonWebKey")
    jwk = method["publicKeyJwk"]
    public = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(jwk["x"] + "=="))
    signed = json.dumps({k: v for k, v in document.items() if k != "proof"}, sort_keys=True, separators=(",", ":"))
    signature = base64.urlsafe_b64decode(document["proof"]["proofValue"] + "==")

    public.verify(signature, signed.encode())  # raises if invalid

    assert document["proof"]["verificationMethod"] in profile["assertionMethod"]
    multikey = next(m for m in profile["verificationMethod"] if m["type"] == "Multikey")
    assert multikey["publicKeyMultibase"].startswith("z6Mk")  # base58btc of the Ed25519 multicodec key
    assert "not RDF canonicalisation" in profile["description"]


def test_the_jwks_endpoint_publishes_the_same_key(visitor, db):
    keys = visitor.get("/api/v1/credentials/keys/").json()["keys"]
    profile = visitor.get(reverse("certificates:issuer")).json()

    jwk = next(m for m in profile["verificationMethod"] if m["type"] == "JsonWebKey")["publicKeyJwk"]
    assert keys == [jwk]


def test_the_canonical_bytes_leave_out_the_proof_and_sort_keys():
    assert canonical_bytes({"b": 1, "a": {"d": 2, "c": "é"}, "proof": {"x": 1}}) == b'{"a":{"c":"\\u00e9","d":2},"b":1}'


# The key -------------------------------------------------------------------------------------


def test_embedded_mode_generates_a_private_key_file_once(settings, tmp_path):
    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.PRODUCTION = False
    settings.VAR_DIR = tmp_path

    first = credential.signing_key()
    second = credential.signing_key()

    path = tmp_path / "credential_signing_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(base64.b64decode(path.read_text())) == 32
    assert credential.public_jwk(first.public_key()) == credential.public_jwk(second.public_key())
    assert [p.name for p in tmp_path.iterdir()] == ["credential_signing_key"]


def test_production_mode_without_a_key_fails_loudly_when_a_key_is_needed(settings):
    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.PRODUCTION = True

    with pytest.raises(ImproperlyConfigured, match="CREDENTIAL_SIGNING_KEY is not set"):
        credential.signing_key()


@pytest.mark.parametrize("value", ["not base64 at all", base64.b64encode(b"short").decode()])
def test_a_malformed_key_is_refused_clearly(settings, value):
    settings.CREDENTIAL_SIGNING_KEY = value

    with pytest.raises(ImproperlyConfigured, match="32 bytes"):
        credential.signing_key()


def test_a_credential_signed_with_another_key_does_not_verify(document, settings):
    settings.CREDENTIAL_SIGNING_KEY = base64.urlsafe_b64encode(bytes(range(1, 33))).decode()

    assert not credential_verify(document)


# The download and the public verification API --------------------------------------------------


def login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_owner_downloads_the_credential_as_json(certificate):
    response = login(certificate.user).get(reverse("certificates:credential-download", args=[certificate.id]))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"] == f'attachment; filename="credential-{certificate.code}.json"'
    assert credential_verify(json.loads(response.content))


def test_nobody_else_downloads_the_credential(certificate, other_learner):
    url = reverse("certificates:credential-download", args=[certificate.id])

    assert login(other_learner).get(url).status_code == HTTPStatus.NOT_FOUND
    assert login(UserFactory(is_staff=True)).get(url).status_code == HTTPStatus.NOT_FOUND
    assert Client().get(url).status_code == HTTPStatus.FOUND


def post_credential(client, document):
    return client.post("/api/v1/credentials/verify/", json.dumps(document), content_type="application/json")


def test_the_verify_api_confirms_a_valid_credential_and_its_status(visitor, document):
    response = post_credential(visitor, document)

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"signature_valid": True, "signature_problem": "", "status": "valid",
                               "revoked_at": None, "expires_at": None}


def test_the_verify_api_reports_a_revoked_certificate_behind_a_valid_signature(visitor, certificate, document):
    certificate.revoked_at = timezone.now()
    certificate.save()

    body = post_credential(visitor, document).json()

    assert body["signature_valid"] is True
    assert body["status"] == "revoked"
    assert body["revoked_at"] is not None


def test_the_verify_api_rejects_a_changed_credential_and_vouches_for_nothing(visitor, document):
    document["credentialSubject"]["identifier"][0]["identityHash"] = "Mallory"

    body = post_credential(visitor, document).json()

    assert body["signature_valid"] is False
    assert body["status"] is None
    assert "signature does not match" in body["signature_problem"]


def test_the_verify_api_says_unknown_for_a_signed_credential_whose_certificate_is_gone(visitor, certificate, document):
    certificate.delete()

    assert post_credential(visitor, document).json()["status"] == "unknown"


def test_the_verify_api_refuses_what_is_not_a_json_object(visitor, db):
    response = visitor.post("/api/v1/credentials/verify/", "[1, 2]", content_type="application/json")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["code"] == "invalid"

    response = visitor.post("/api/v1/credentials/verify/", "{not json", content_type="application/json")
    assert response.status_code == HTTPStatus.BAD_REQUEST

    response = visitor.post("/api/v1/credentials/verify/", {"a": "b"})
    assert response.status_code == HTTPStatus.UNSUPPORTED_MEDIA_TYPE


def test_the_verify_api_refuses_a_huge_document(visitor, db):
    response = post_credential(visitor, {"padding": "x" * 70_000})

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


def test_a_signed_in_browser_can_post_without_a_csrf_token(certificate, document):
    client = Client(enforce_csrf_checks=True)
    client.login(username=certificate.user.username, password=PASSWORD)

    assert post_credential(client, document).status_code == HTTPStatus.OK
