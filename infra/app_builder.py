"""Builds the product's stacks into a CDK app, with the cdk-nag packs attached."""

from dataclasses import dataclass

from aws_cdk import App, Environment, Tags, Validations
from cdk_nag import AwsSolutionsChecks, ServerlessChecks

from catalog import check_catalog
from contactcenter.constants import (
    APP_NAME,
    STACK_API,
    STACK_AUDIT,
    STACK_CONSOLE,
    STACK_CONSOLE_FIREWALL,
    STACK_CONTACT_CENTER,
    STACK_DATA,
    STACK_WORKFLOWS,
)
from infra.config import AppConfig
from infra.stacks.api_stack import ApiStack
from infra.stacks.audit_stack import AuditStack
from infra.stacks.console_firewall_stack import ConsoleFirewallStack
from infra.stacks.console_stack import ConsoleStack
from infra.stacks.contact_center_stack import ContactCenterStack
from infra.stacks.data_stack import DataStack
from infra.stacks.workflows_stack import WorkflowsStack


@dataclass(frozen=True)
class ProductStacks:
    data: DataStack
    api: ApiStack
    workflows: WorkflowsStack
    contact_center: ContactCenterStack
    audit: AuditStack
    console: ConsoleStack
    console_firewall: ConsoleFirewallStack | None


def build_app(app: App, config: AppConfig) -> ProductStacks:
    # The same check the local cloud runs before it provisions: a broken catalog reference
    # fails the synth with a sentence instead of deploying a function without its table.
    check_catalog()
    prefix = f"{APP_NAME}-{config.stage}"
    env = Environment(region=config.region)
    data = DataStack(
        app, f"{prefix}-{STACK_DATA}", config=config, env=env, description="Contact center: data"
    )
    # Order of dependence: the API refers to the Connect queues (callbacks), the workflows to the
    # Connect instance and flows (agent tasks) and to the API's health function (the canary).
    contact_center = ContactCenterStack(
        app,
        f"{prefix}-{STACK_CONTACT_CENTER}",
        config=config,
        data=data,
        env=env,
        description="Contact center: Amazon Connect instance, queues, contact flows and their functions",
    )
    api = ApiStack(
        app,
        f"{prefix}-{STACK_API}",
        config=config,
        data=data,
        connect=contact_center.instance,
        flows=contact_center.flows.flows,
        agent_events=contact_center.agent_events,
        env=env,
        description="Contact center: REST API",
    )
    api_functions = {name: fn.function for name, fn in api.functions.items()}
    workflows = WorkflowsStack(
        app,
        f"{prefix}-{STACK_WORKFLOWS}",
        config=config,
        data=data,
        connect=contact_center.instance,
        flows=contact_center.flows.flows,
        functions=api_functions,
        customer_pool=api.customer_pool.pool,
        env=env,
        description="Contact center: workflows (closed loop, callbacks, erasure) and the deployment canary",
    )
    all_functions = {**api_functions, **workflows.functions, **contact_center.functions}
    failure_queues = [
        fn.failure_queue.queue
        for fn in [
            *api.functions.values(),
            *workflows.product_functions.values(),
            *contact_center.product_functions.values(),
        ]
        if fn.failure_queue is not None
    ] + [workflows.event_rules.dead_letters.queue]
    audit = AuditStack(
        app,
        f"{prefix}-{STACK_AUDIT}",
        config=config,
        data=data,
        functions=all_functions,
        failure_queues=failure_queues,
        state_machines=workflows.state_machines,
        api=api.rest_api.api,
        env=env,
        description="Contact center: audit trail and alarms",
    )
    # CloudFront takes only a us-east-1 web ACL: an existing one (consoleWebAclArn), or this
    # small stack's, handed across regions (CDK's cross-region references: an SSM parameter in
    # us-east-1 that the console stack reads at deployment).
    firewall = None
    web_acl_arn = config.console.web_acl_arn
    if web_acl_arn is None:
        firewall = ConsoleFirewallStack(
            app,
            f"{prefix}-{STACK_CONSOLE_FIREWALL}",
            env=Environment(region="us-east-1"),
            cross_region_references=True,
            description="Contact center: the console's WAF web ACL (CloudFront scope, us-east-1)",
        )
        web_acl_arn = firewall.firewall.web_acl.attr_arn
    console = ConsoleStack(
        app,
        f"{prefix}-{STACK_CONSOLE}",
        config=config,
        rest_api=api.rest_api,
        live_channel=api.live_channel,
        connect=contact_center.instance,
        staff_domain=api.user_pool.domain,
        customer_domain=api.customer_pool.domain,
        staff_pool=api.user_pool.pool,
        customer_pool=api.customer_pool.pool,
        web_acl_arn=web_acl_arn,
        env=env,
        cross_region_references=firewall is not None,
        description="Contact center: the web console (S3, CloudFront, its Cognito app clients)",
    )
    Tags.of(app).add("application", APP_NAME)
    Tags.of(app).add("stage", config.stage)
    # Acknowledgements are copied into the templates (Metadata.cdk_nag) for auditors.
    Validations.of(app).add_plugins(
        AwsSolutionsChecks(app, write_suppressions_to_cloud_formation=True),
        ServerlessChecks(app, write_suppressions_to_cloud_formation=True),
    )
    return ProductStacks(
        data=data,
        api=api,
        workflows=workflows,
        contact_center=contact_center,
        audit=audit,
        console=console,
        console_firewall=firewall,
    )
