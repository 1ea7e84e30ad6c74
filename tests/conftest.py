import os
import shutil

import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory
from tests.world import SIGNING_KEY, world_build


@pytest.fixture
def learner(db):
    return UserFactory(username="lena")


@pytest.fixture
def other_learner(db):
    return UserFactory(username="otto")


@pytest.fixture
def learner_client(learner):
    client = Client()
    assert client.login(username=learner.username, password=PASSWORD)
    return client


@pytest.fixture
def world_settings(settings, tmp_path):
    settings.CREDENTIAL_SIGNING_KEY = SIGNING_KEY
    if settings.CELERY_TASK_ALWAYS_EAGER:
        settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def world(db, world_settings):
    """A learner's course, attempt, submission, certificate and organization, and six other people (tests/world.py)."""
    return world_build()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow by design; the tests need logins, not its cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache, which outlasts a test; each test starts with none spent."""
    from django.core.cache import cache

    if hasattr(cache, "_cache") and hasattr(cache._cache, "get_client"):  # Redis, shared with the broker
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match="*ratelimit:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


# Browser tests (tests/e2e, tests/organizations/test_browser.py) share one Chromium for the session.
CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the test
# makes around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("ACADEMY_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
