#!/usr/bin/env python3
"""The CDK app: `npx cdk synth` (offline, no credentials) or `make deploy`."""

from aws_cdk import App

from infra.app_builder import build_app
from infra.config import AppConfig

app = App()
build_app(app, AppConfig.from_context(app))
app.synth()
