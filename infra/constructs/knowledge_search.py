"""The knowledge-search cluster: an Amazon OpenSearch Service domain in a private VPC, and the
network the functions that search or index it run in.

Provisioned in a VPC rather than OpenSearch Serverless (docs/knowledge-search.md): the index
relies on exact k-NN scoring scripts and custom scoring that Serverless does not offer, and
Serverless has a floor of several OCUs a month that a small knowledge base never needs. The
analysis is done in Python, so the domain needs no plugins. Access is by IAM (SigV4): the
domain's policy admits the account, and each function's role names the domain.
"""

from typing import Any

from aws_cdk import Aws, Duration, RemovalPolicy, Stack
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_opensearchservice as opensearch
from constructs import Construct

from infra.nag import acknowledge


class KnowledgeSearch(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        domain_name: str,
        encryption_key: kms.IKey,
        instance_type: str,
        nodes: int,
        dedicated_masters: bool,
        log_retention: logs.RetentionDays,
        removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, construct_id)
        flow_logs = logs.LogGroup(self, "FlowLogs", retention=log_retention, removal_policy=removal_policy)
        self.vpc = ec2.Vpc(
            self,
            "Vpc",
            max_azs=2,
            nat_gateways=0,  # nothing here talks to the internet
            subnet_configuration=[
                ec2.SubnetConfiguration(
                    name="private", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=24
                )
            ],
            flow_logs={
                "all": ec2.FlowLogOptions(destination=ec2.FlowLogDestination.to_cloud_watch_logs(flow_logs))
            },
        )
        # The functions in the VPC reach DynamoDB (the indexer's rebuild, the bot) without internet.
        self.vpc.add_gateway_endpoint("DynamoDb", service=ec2.GatewayVpcEndpointAwsService.DYNAMODB)
        self.client_security_group = ec2.SecurityGroup(
            self, "Clients", vpc=self.vpc, description="Functions that search or index the knowledge base"
        )
        self.domain_security_group = ec2.SecurityGroup(
            self,
            "DomainGroup",
            vpc=self.vpc,
            allow_all_outbound=False,
            description="The knowledge-search domain",
        )
        self.domain_security_group.add_ingress_rule(
            self.client_security_group, ec2.Port.tcp(443), "HTTPS from the knowledge functions"
        )
        # The chat bot starts the callback workflow; Step Functions has no gateway endpoint.
        endpoint_security_group = ec2.SecurityGroup(
            self,
            "EndpointGroup",
            vpc=self.vpc,
            allow_all_outbound=False,
            description="Interface endpoints of the knowledge VPC",
        )
        endpoint_security_group.add_ingress_rule(
            self.client_security_group, ec2.Port.tcp(443), "HTTPS from the knowledge functions"
        )
        self.vpc.add_interface_endpoint(
            "StepFunctions",
            service=ec2.InterfaceVpcEndpointAwsService.STEP_FUNCTIONS,
            subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
            security_groups=[endpoint_security_group],
            open=False,
        )
        # The knowledge API and the chat bot sign list cursors with a key kept in Secrets Manager,
        # read once per cold start (contactcenter.api.pagination).
        self.vpc.add_interface_endpoint(
            "SecretsManager",
            service=ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
            subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
            security_groups=[endpoint_security_group],
            open=False,
        )
        slow_logs = logs.LogGroup(self, "SlowLogs", retention=log_retention, removal_policy=removal_policy)
        app_logs = logs.LogGroup(self, "AppLogs", retention=log_retention, removal_policy=removal_policy)
        self.domain = opensearch.Domain(
            self,
            "Domain",
            domain_name=domain_name,
            version=opensearch.EngineVersion.OPENSEARCH_2_19,
            vpc=self.vpc,
            vpc_subnets=[ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)],
            security_groups=[self.domain_security_group],
            capacity=opensearch.CapacityConfig(
                data_node_instance_type=instance_type,
                data_nodes=nodes,
                master_nodes=3 if dedicated_masters else None,
                master_node_instance_type=instance_type if dedicated_masters else None,
                multi_az_with_standby_enabled=False,
            ),
            zone_awareness=opensearch.ZoneAwarenessConfig(enabled=nodes > 1, availability_zone_count=2)
            if nodes > 1
            else None,
            ebs=opensearch.EbsOptions(volume_size=20, volume_type=ec2.EbsDeviceVolumeType.GP3),
            encryption_at_rest=opensearch.EncryptionAtRestOptions(enabled=True, kms_key=encryption_key),
            node_to_node_encryption=True,
            enforce_https=True,
            tls_security_policy=opensearch.TLSSecurityPolicy.TLS_1_2,
            logging=opensearch.LoggingOptions(
                slow_search_log_enabled=True,
                slow_search_log_group=slow_logs,
                slow_index_log_enabled=True,
                slow_index_log_group=slow_logs,
                app_log_enabled=True,
                app_log_group=app_logs,
            ),
            removal_policy=removal_policy,
            # The log groups' resource policy is written here instead of by CDK's custom resource
            # (a Lambda of its own, with managed policies and wildcards).
            suppress_logs_resource_policy=True,
        )
        logs.CfnResourcePolicy(
            self,
            "LogsPolicy",
            policy_name=f"{Stack.of(self).stack_name}-knowledge-search-logs",
            policy_document=Stack.of(self).to_json_string(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "es.amazonaws.com"},
                            "Action": ["logs:PutLogEvents", "logs:CreateLogStream"],
                            "Resource": [f"{group.log_group_arn}:*" for group in (slow_logs, app_logs)],
                            "Condition": {"StringEquals": {"aws:SourceAccount": Stack.of(self).account}},
                        }
                    ],
                }
            ),
        )
        # The access policy on the domain resource itself (CDK would apply it with a custom
        # resource of its own): IAM principals of this account; the roles name the domain.
        cfn_domain: Any = self.domain.node.default_child
        cfn_domain.access_policies = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:root"},
                    "Action": "es:ESHttp*",
                    "Resource": Stack.of(self).format_arn(
                        service="es", resource="domain", resource_name=f"{domain_name}/*"
                    ),
                }
            ],
        }
        acknowledge(
            self.domain,
            "AwsSolutions-OS3",
            "The domain is in a VPC with no public endpoint; its security group admits only the knowledge "
            "functions.",
        )
        acknowledge(
            self.domain,
            "AwsSolutions-OS5",
            "Access is by IAM (SigV4): the policy admits this account's principals, and each function's "
            "role names "
            "the domain; nothing reaches it from outside the VPC.",
        )
        if not dedicated_masters:
            acknowledge(
                self.domain,
                "AwsSolutions-OS4",
                "Dedicated master nodes are a context flag (searchDedicatedMasters): a small knowledge "
                "base runs "
                "well without them; production stages with large indexes turn them on.",
            )
        if nodes < 2:
            acknowledge(
                self.domain,
                "AwsSolutions-OS7",
                "Zone awareness needs two or more data nodes (context flag searchNodes); this stage runs "
                "one.",
            )
        self.timeout = Duration.seconds(5)
