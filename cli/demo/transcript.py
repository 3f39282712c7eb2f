"""A readable transcript of what the demo does and what the product answered."""

import json
import sys
from typing import Any, TextIO

import requests


class DemoFailed(AssertionError):
    """A step of the demo did not do what the product promises."""


class Transcript:
    def __init__(self, out: TextIO = sys.stdout, width: int = 100) -> None:
        self.out = out
        self.width = width
        self._chapter = 0

    def _print(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def title(self, text: str) -> None:
        self._print("=" * self.width)
        self._print(text)
        self._print("=" * self.width)

    def chapter(self, text: str) -> None:
        self._chapter += 1
        self._print()
        self._print(f"{self._chapter}. {text}")
        self._print("-" * self.width)

    def say(self, text: str) -> None:
        self._print(f"   {text}")

    def http(self, response: requests.Response, note: str = "", show: tuple[str, ...] = ()) -> None:
        """A request and its answer; ``show`` picks the fields of a JSON answer worth reading."""
        request = response.request
        path = (request.path_url or "") if request else ""
        self._print(f"   > {request.method} {path}" + (f"   ({note})" if note else ""))
        self._print(f"   < {response.status_code} {response.reason}  {self._body(response, show)}")

    def _body(self, response: requests.Response, show: tuple[str, ...]) -> str:
        try:
            body = response.json()
        except ValueError:
            return response.text[:240]
        if show and isinstance(body, dict) and response.ok:
            body = {key: body.get(key) for key in show}
        text = json.dumps(body, ensure_ascii=False)
        return text if len(text) <= 240 else text[:237] + "..."

    def data(self, label: str, value: Any) -> None:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        self._print(f"   {label}: {text}")

    def expect(self, condition: bool, message: str) -> None:
        """Stop the demo when the product did not do what the transcript just showed."""
        if not condition:
            raise DemoFailed(message)

    def done(self, text: str) -> None:
        self._print()
        self._print("=" * self.width)
        self._print(text)
