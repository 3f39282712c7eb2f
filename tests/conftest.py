"""Shared fixtures. One local cloud per test session: moto's state is per process, and the
server must sit on a fixed port for moto's Step Functions interpreter."""

import os

# jsii warns on every CDK import when Node.js is older than it supports (it still works); the
# tests' output is not the place for it (`cdk synth` still shows it).
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")

from collections.abc import Iterator
from pathlib import Path

import pytest

from localcloud.session import LocalSession

TEST_CLOUD_PORT = int(os.environ.get("CC_TEST_CLOUD_PORT", "5155"))


@pytest.fixture(scope="session")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSession]:
    """The local cloud and its API (on a free port), running the real handlers."""
    session = LocalSession.start(
        port=TEST_CLOUD_PORT, api_port=0, state_dir=Path(tmp_path_factory.mktemp("local-state"))
    )
    yield session
    session.stop()
