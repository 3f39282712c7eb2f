"""The web console under Lighthouse (npm, bench/lighthouse; Debian's chromium): performance,
accessibility, best practices, JavaScript transferred and time to interactive, on a phone
(Lighthouse's mobile: slow 4G, 4x CPU slowdown) and on a desktop, of three screens: the sign-in
page, the help center (Emma's search screen) and the agent workspace (Ana's).

A signed-in screen keeps its session in sessionStorage, which Lighthouse's fresh tab does not
have: the two signed-in screens are loaded as ``#/sign-in?as=<demo user>``, which signs the
demo user in at once, so their figures include the local sign-in (a request for the demo users
and one for the token) before the screen. The targets (performance 90, accessibility 100) are
the help center's; the workspace's figures are reported. The help center's JavaScript over a
customer's whole journey is checked by tests/console/test_help_center.py (under 200 KB)."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
TARGETS = {"performance": 90, "accessibility": 100}  # the targets (scores out of 100)
SCREENS = {  # name -> (the console's route, whether the targets apply)
    "sign-in": ("#/sign-in", True),
    "help center": ("#/sign-in?as=customer:45678901", True),  # Emma Smith (localcloud/seed.py)
    "agent workspace": ("#/sign-in?as=agent:ana", False),
}


def audit(url: str, preset: str, out: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)  # noqa: S603 - our own command line
    report: dict[str, Any] = json.loads(out.read_text())
    return report


def summary(report: dict[str, Any]) -> dict[str, Any]:
    audits = report["audits"]
    scripts = next(
        item for item in audits["resource-summary"]["details"]["items"] if item["resourceType"] == "script"
    )
    return {
        **{name: round(category["score"] * 100) for name, category in report["categories"].items()},
        "javascript_kb": round(scripts["transferSize"] / 1024, 1),
        "interactive_s": round(audits["interactive"]["numericValue"] / 1000, 2),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
    }


def main(port: int = 5297) -> int:
    from localcloud.console import CONSOLE_DIR
    from localcloud.seed import seed
    from localcloud.session import LocalSession

    if not LIGHTHOUSE.exists() or not (ROOT / CONSOLE_DIR / "index.html").is_file():
        print("run `make bench-console` (it installs Lighthouse and builds the console)", file=sys.stderr)
        return 2
    state = Path(tempfile.mkdtemp())
    with LocalSession.start(
        port=port, api_port=0, state_dir=state, console_dir=ROOT / CONSOLE_DIR
    ) as session:
        seed(session)
        failed = False
        for screen, (route, targeted) in SCREENS.items():
            url = f"{session.api.url}/{route}"
            print(f"console, {screen}: Lighthouse on {url}")
            for preset in ("mobile", "desktop"):
                report = audit(url, preset, state / f"{screen.replace(' ', '-')}-{preset}.json")
                figures = summary(report)
                print(f"  {preset:8} " + "  ".join(f"{key} {value}" for key, value in figures.items()))
                print(f"  {preset:8} landed on {report['finalDisplayedUrl'].split('/', 3)[-1]}")
                missed = [name for name, target in TARGETS.items() if figures[name] < target]
                if missed and targeted:
                    failed = True
                    print(f"  {preset:8} below target: {', '.join(missed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5297))
