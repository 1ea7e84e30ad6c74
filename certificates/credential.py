"""Open Badges 3.0 credentials for certificates, signed with Ed25519.

The document is a W3C Verifiable Credential (data model 2.0) of type
OpenBadgeCredential: the issuer is Academy's profile, the subject is the
learner (named through an OB 3.0 IdentityObject, as the spec has no "name"
on a subject) and the achievement is the course at the version completed.

The proof, stated honestly. It has the shape of a W3C Data Integrity proof
(type "DataIntegrityProof"), but its cryptosuite is our own,
"academy-ed25519-jcs-2025":

    signed bytes = json.dumps(credential without "proof",
                              sort_keys=True, separators=(",", ":")).encode("utf-8")
    proofValue   = base64url, unpadded, of the Ed25519 signature of those bytes

That is a JSON canonical form close to RFC 8785 (JCS) for the strings and
integers a credential holds, and it is not RDF dataset canonicalisation: this
is not eddsa-rdfc-2022 or eddsa-jcs-2022, and a generic Data Integrity library
will not verify it. Anyone can verify it with the public key published at the
issuer's id (Multikey and JWK), by recomputing the bytes above, or by posting
the document to Academy's /api/v1/credentials/verify/. The proof's own options
(created, verificationMethod, ...) are not signed; the verifier below accepts
only this suite and Academy's current key, so they cannot be used to mislead it.

The key: CREDENTIAL_SIGNING_KEY, base64 of a 32-byte Ed25519 private key, is
required in production mode; embedded mode generates one into
var/credential_signing_key (mode 0600) on first use.
"""

import base64
import binascii
import functools
import hashlib
import json
import os
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
CRYPTOSUITE = "academy-ed25519-jcs-2025"
PROOF_TYPE = "DataIntegrityProof"
ISSUER_NAME = "Academy"
KEY_FILENAME = "credential_signing_key"
_CODE_IN_ID = re.compile(r"/certificates/verify/([A-Za-z0-9_-]{1,64})/$")
_MULTICODEC_ED25519_PUB = b"\xed\x01"
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


@dataclass(frozen=True)
class CredentialCheck:
    """The verdict on a credential's signature; false when invalid, with the reason in words."""

    valid: bool
    reason: str = ""

    def __bool__(self):
        return self.valid


# Documents ------------------------------------------------------------------------------------


def issuer_id():
    # Spelled out, not reversed: it is signed into every credential and must not move with the URLconf.
    return f"{settings.SITE_URL}/certificates/issuer/"


def credential_for(certificate):
    """The signed credential of a certificate. Deterministic: same certificate and key, same document."""
    return credential_sign(credential_build(certificate))


def credential_build(certificate):
    """The unsigned credential, from the fields the certificate copied at issue."""
    document = {
        "@context": CONTEXTS,
        "id": certificate.verification_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.course_title}: certificate of completion",
        "issuer": {"id": issuer_id(), "type": ["Profile"], "name": ISSUER_NAME, "url": settings.SITE_URL},
        "validFrom": _timestamp(certificate.issued_at),
        "awardedDate": _timestamp(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject", "identityType": "name", "hashed": False,
                "identityHash": certificate.learner_name,
            }],
            "achievement": _achievement(certificate),
        },
    }
    if certificate.expires_at:
        document["validUntil"] = _timestamp(certificate.expires_at)
    return document


def _achievement(certificate):
    # A stable URN for "this course at this version"; the course's slug may change, its id does not.
    key = f"{settings.SITE_URL}/courses/{certificate.course_id}/version/{certificate.course_version}"
    return {
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}",
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": certificate.course_title,
        "description": f"Completed the course \u201c{certificate.course_title}\u201d "
                       f"(version {certificate.course_version}) at {ISSUER_NAME}.",
        "criteria": {"narrative": "Every required lesson done, every required quiz and rewrite exercise passed."},
    }


def _timestamp(moment):
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential_code(document):
    """The verification code a credential's id points at, or None."""
    match = _CODE_IN_ID.search(document.get("id", "")) if isinstance(document.get("id"), str) else None
    return match.group(1) if match else None


def issuer_profile():
    """Academy's issuer profile: what a credential's issuer id and verificationMethod resolve to."""
    key = signing_key().public_key()
    method = verification_method(key)
    public = _public_bytes(key)
    return {
        "@context": CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": settings.SITE_URL,
        "description": (
            f"Credentials signed by {ISSUER_NAME} use the cryptosuite {CRYPTOSUITE}: an Ed25519 signature over "
            "json.dumps(credential without proof, sort_keys=True, separators=(',', ':')) as UTF-8, base64url "
            "without padding in proofValue. It is not RDF canonicalisation (not eddsa-rdfc-2022)."
        ),
        "verificationMethod": [
            {"id": method, "type": "Multikey", "controller": issuer_id(),
             "publicKeyMultibase": "z" + _base58btc(_MULTICODEC_ED25519_PUB + public)},
            {"id": f"{method}-jwk", "type": "JsonWebKey", "controller": issuer_id(), "publicKeyJwk": public_jwk(key)},
        ],
        "assertionMethod": [method],
    }


def public_jwk(key):
    return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(_public_bytes(key)), "kid": _key_id(key),
            "alg": "EdDSA", "use": "sig"}


def verification_method(public_key):
    return f"{issuer_id()}#{_key_id(public_key)}"


# Signing and verifying ------------------------------------------------------------------------


def canonical_bytes(document):
    """The bytes the proof signs: the document without its proof, as sorted compact JSON."""
    unsigned = {name: value for name, value in document.items() if name != "proof"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":")).encode("utf-8")


def credential_sign(document):
    key = signing_key()
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        # The credential's own date, not the time of signing, so a re-download gives identical bytes.
        "created": document["validFrom"],
        "verificationMethod": verification_method(key.public_key()),
        "proofPurpose": "assertionMethod",
        "proofValue": _b64url(key.sign(canonical_bytes(document))),
    }
    return {**document, "proof": proof}


def credential_verify(document):
    """Whether the document carries a valid Academy signature: a CredentialCheck, false with a reason if not."""
    if not isinstance(document, dict):
        return CredentialCheck(False, "The credential must be a JSON object.")
    proof = document.get("proof")
    if not isinstance(proof, dict):
        return CredentialCheck(False, "The credential has no proof.")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return CredentialCheck(False, f"The proof is not a {PROOF_TYPE} with the cryptosuite {CRYPTOSUITE}.")
    public_key = signing_key().public_key()
    if proof.get("verificationMethod") != verification_method(public_key):
        return CredentialCheck(False, "The proof names a key this issuer does not hold.")
    if proof.get("proofPurpose") != "assertionMethod":
        return CredentialCheck(False, "The proof's purpose is not assertionMethod.")
    signature = _b64url_decode(proof.get("proofValue"))
    if signature is None or len(signature) != 64:
        return CredentialCheck(False, "The proofValue is not a base64url Ed25519 signature.")
    try:
        public_key.verify(signature, canonical_bytes(document))
    except InvalidSignature:
        return CredentialCheck(False, "The signature does not match the credential: it was changed or not issued here.")
    return CredentialCheck(True)


# The key -------------------------------------------------------------------------------------


def signing_key():
    """The issuer's Ed25519 private key, from the environment or (embedded mode) var/."""
    configured = getattr(settings, "CREDENTIAL_SIGNING_KEY", None)
    if configured is None:  # not declared in settings: read the environment directly
        configured = os.environ.get("CREDENTIAL_SIGNING_KEY", "")
    if configured:
        return _key_from_base64(configured.strip())
    if settings.PRODUCTION:
        raise ImproperlyConfigured(
            "CREDENTIAL_SIGNING_KEY is not set. In production mode Academy signs certificate credentials with an "
            "Ed25519 key from the environment: base64 of 32 random bytes, e.g. "
            "python -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'. "
            "Keep it secret and keep it: credentials signed with a lost key can no longer be verified."
        )
    return _key_from_base64(_embedded_key_text(Path(settings.VAR_DIR) / KEY_FILENAME))


@functools.lru_cache(maxsize=4)
def _key_from_base64(text):
    standard = text.replace("-", "+").replace("_", "/").rstrip("=")  # accept base64 and base64url alike
    try:
        raw = base64.b64decode(standard + "=" * (-len(standard) % 4), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise ImproperlyConfigured(
            "CREDENTIAL_SIGNING_KEY must be base64 of exactly 32 bytes (an Ed25519 private key)."
        )
    return Ed25519PrivateKey.from_private_bytes(raw)


def _embedded_key_text(path):
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(base64.b64encode(os.urandom(32)).decode())
        try:
            # link() fails if another process got there first, and then its key is the key.
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()


def _public_bytes(key):
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _key_id(public_key):
    return "key-" + _b64url(hashlib.sha256(_public_bytes(public_key)).digest()[:12])


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64url_decode(text):
    if not isinstance(text, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None


def _base58btc(data):
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = _BASE58[remainder] + encoded
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + encoded
