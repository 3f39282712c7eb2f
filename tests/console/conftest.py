"""The web console in a real browser: Debian's chromium driven by Playwright, against the local
cloud and its API serving the built console (``make console``; ``make test`` builds it and
installs the browser first). Each screen a journey reaches is checked with axe-core and written
as a screenshot to ``.local/screenshots/``."""

import gzip
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from localcloud.console import CONSOLE_DIR, ConsoleSite
from localcloud.seed import seed, seed_knowledge
from localcloud.session import LocalSession

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".local" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 375, "height": 812}  # an iPhone X/11 Pro's CSS pixels
DESKTOP = {"width": 1280, "height": 900}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
HELP_CENTER_JS_BUDGET = 200 * 1024  # compressed JavaScript a customer's browser downloads


@dataclass
class Console:
    session: LocalSession
    customers: dict[str, str]  # customer ids by account number

    @property
    def url(self) -> str:
        return f"{self.session.api.url}/"


@pytest.fixture(scope="session")
def console(local: LocalSession) -> Iterator[Console]:
    """The local API with the built console at / and the demo data (directory, the demo
    customers, the help center's articles)."""
    built = ROOT / CONSOLE_DIR
    if not (built / "index.html").is_file():
        pytest.fail(f"the console is not built: run `make console` (it builds into {CONSOLE_DIR})")
    customers = seed(local)
    seed_knowledge(local)
    before = local.api.console
    live_url = None if local.cloud.live is None else local.cloud.live.url
    local.api.console = ConsoleSite(
        auth=local.auth, root=built, live_url=live_url, uploads_origin=local.cloud.endpoint_url
    )
    yield Console(session=local, customers=customers)
    local.api.console = before


@pytest.fixture
def ana_available(console: Console) -> Iterator[LocalSession]:
    """The contact center in charge of every queue; Ana logged in to it (the CCP's login) and
    Available, accepting offered contacts herself."""
    local = console.session
    with local.cloud.connect.emptied_center() as center:
        center.add_agent("ana", auto_accept=False)
        center.login("ana", "technical")
        center.set_status("ana", "Available")
        yield local


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium") or CHROMIUM
    if not Path(executable).exists():
        pytest.fail("no chromium: `make browser` installs Debian's (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Screens:
    """Checks and records each screen of a journey."""

    page: Page
    journey: str
    problems: list[str] = field(default_factory=list)  # console errors: CSP refusals, exceptions
    scripts: set[str] = field(default_factory=set)  # the /assets/*.js the page loaded
    count: int = 0

    def javascript_gzip_bytes(self) -> int:
        """The scripts the journey loaded, gzip-compressed (as the local API and CloudFront send them)."""
        assets = ROOT / CONSOLE_DIR / "assets"
        return sum(len(gzip.compress((assets / name).read_bytes(), 9)) for name in self.scripts)

    def check(self, name: str) -> None:
        """axe-core (WCAG 2.1 A and AA): no serious or critical violation; then a screenshot."""
        self.page.wait_for_load_state("networkidle")
        results = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        blocking: list[dict[str, Any]] = [
            v for v in results.response["violations"] if v.get("impact") in BLOCKING
        ]
        self.count += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"{self.journey}-{self.count:02d}-{name}.png", full_page=True)
        assert not blocking, f"{name}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in blocking
        )
        assert not self.problems, f"{name}: errors in the browser: {self.problems}"


def open_page(
    browser: Browser, journey: str, *, locale: str = "en-GB", viewport: dict[str, int] = PHONE
) -> Screens:
    context = browser.new_context(
        viewport=viewport, locale=locale, device_scale_factor=1, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    screens = Screens(page=page, journey=journey)

    def on_console(message: ConsoleMessage) -> None:
        # An API's 4xx is logged as "Failed to load resource" (the journeys provoke one on
        # purpose); anything else (a CSP refusal, an exception) is a problem of the console.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            screens.problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: screens.problems.append(str(error)))
    page.on(
        "response",
        lambda response: (
            screens.scripts.add(response.url.rsplit("/", 1)[1])
            if "/assets/" in response.url and response.url.endswith(".js")
            else None
        ),
    )
    return screens
