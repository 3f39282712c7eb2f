"""The console's shell: staff land in their workspace, and each area shows itself only to the
roles it is for (the API still decides what they may do)."""

import re

from playwright.sync_api import Browser, expect

from tests.console.conftest import Console, open_page


def test_staff_land_in_the_workspace_and_customers_do_not_see_it(console: Console, browser: Browser) -> None:
    screens = open_page(browser, "shell", viewport={"width": 1280, "height": 800})
    page = screens.page
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Sam Supervisor").click()
    expect(page).to_have_url(re.compile(r"#/agent$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Agent workspace")
    expect(page.get_by_role("main")).to_contain_text("Supervisor")
    screens.check("workspace")

    page.goto(f"{console.url}#/help")
    expect(page.get_by_role("main")).to_contain_text("This area is for staff.")
    page.goto(f"{console.url}#/no/such/screen")
    expect(page.get_by_role("heading", level=1)).to_have_text("This page does not exist.")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"#/sign-in$"))
    page.get_by_role("button", name="Sign in as 李伟 Li Wei").click()
    expect(page).to_have_url(re.compile(r"#/help$"))
    page.goto(f"{console.url}#/agent")
    expect(page.get_by_role("main")).to_contain_text("This account is a customer's")
    screens.check("customer-at-workspace")
    page.context.close()
