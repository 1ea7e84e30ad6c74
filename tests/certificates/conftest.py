import base64
import random

import pytest
from django.test import Client

# A fixed key, so no test writes one into var/ (test_credential.py covers how the key is found).
TEST_SIGNING_KEY = base64.b64encode(bytes(range(32))).decode()


@pytest.fixture(autouse=True)
def certificate_settings(settings, tmp_path):
    settings.CREDENTIAL_SIGNING_KEY = TEST_SIGNING_KEY
    # A real worker (the second CI pass) stores files under its own MEDIA_ROOT, the same var/media
    # the tests then read; in-process, each test gets a folder of its own.
    if settings.CELERY_TASK_ALWAYS_EAGER:
        settings.MEDIA_ROOT = tmp_path / "media"
    return settings


def anonymous_client():
    """An anonymous client from an address of its own, so rate limits of other tests (and runs) do not touch it."""
    address = ".".join(str(random.randint(1, 254)) for _ in range(3))
    return Client(REMOTE_ADDR=f"10.{address}")


@pytest.fixture
def visitor():
    return anonymous_client()
