"""An HR manager's round in headless Chromium: with the keyboard, and without JavaScript.

Set HR_SCREENSHOTS=<folder> to keep a picture of each page.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from organizations.models import Assignee, Membership
from tests.factories import PASSWORD, UserFactory
from tests.organizations.conftest import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def snap(page, name):
    folder = os.environ.get("HR_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.fixture
def people(organization, team, course):
    hr = UserFactory(username="hanna", first_name="Hanna", last_name="Reed")
    Membership.objects.create(user=hr, organization=organization, role=Membership.Role.HR)
    member(organization, "ada", first_name="Ada", last_name="Lovelace", team=team)
    member(organization, "bob", first_name="Bob", last_name="Babbage")
    return hr


def sign_in(page, live_server, next_url):
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill("hanna")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_hr_assigns_a_course_to_a_team_and_follows_it_on_the_dashboard(live_server, browser, people,
                                                                       organization, course, javascript):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server, f"/hr/{organization.slug}/assign/")

    expect(page.get_by_role("heading", name="Assign a course")).to_be_visible()
    snap(page, "assign")
    page.get_by_label("Course").select_option(label=course.title)
    page.get_by_label("People").select_option(label="Bob Babbage <bob@example.com>")
    page.get_by_label("Night shift").check()
    page.get_by_label("Or due within (days)").fill("14")
    page.get_by_role("button", name="Assign").press("Enter")

    expect(page.get_by_text("Assigned to 2 people.")).to_be_visible()
    snap(page, "assignments")
    assert Assignee.objects.count() == 2

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name=organization.name)).to_be_visible()
    expect(page.get_by_role("table", name="Assigned courses per person")).to_contain_text("Ada Lovelace")
    snap(page, "dashboard")
    page.get_by_role("combobox", name="Team").select_option(label="Night shift")
    page.get_by_role("button", name="Show").click()
    table = page.get_by_role("table", name="Assigned courses per person")
    expect(table).to_contain_text("Ada Lovelace")
    expect(table).not_to_contain_text("Bob Babbage")

    page.get_by_role("link", name="People and teams").click()
    page.get_by_role("combobox", name="Team of Bob Babbage").select_option(label="Night shift")
    page.get_by_role("row", name="Bob Babbage").get_by_role("button", name="Save").click()
    expect(page.get_by_text("Bob Babbage is now in Night shift.")).to_be_visible()
    snap(page, "people")
    page.get_by_role("link", name="Compliance report").click()
    expect(page.get_by_text("0 of 2 compliant (0%).")).to_be_visible()
    snap(page, "compliance")
    context.close()


def test_the_dashboard_can_be_walked_with_the_keyboard(live_server, browser, people, organization):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, f"/hr/{organization.slug}/")
    expect(page.get_by_role("heading", name=organization.name)).to_be_visible()

    page.get_by_label("Name or e-mail").focus()
    page.keyboard.type("ada")
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/hr/{organization.slug}/?q=ada&status=&team=&course=&sort=")
    sort_link = page.get_by_role("link", name=re.compile(r"^Due\W+sort ascending$"))
    sort_link.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(page.get_by_role("columnheader", name=re.compile(r"^Due\W+sort descending$"))).to_have_attribute(
        "aria-sort", "ascending")
    context.close()
