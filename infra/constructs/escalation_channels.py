"""Where escalations are heard besides the product's own notification list: an SNS topic per
role (supervisors, department heads, assignees; operators subscribe e-mail, SMS or chat, and
may filter on the ticket's department), and the SES e-mail templates in every language."""

from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_ses as ses
from aws_cdk import aws_sns as sns
from constructs import Construct

import catalog
from catalog.email_templates import escalation_templates
from contactcenter.constants import APP_NAME


class EscalationChannels(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, encryption_key: kms.IKey) -> None:
        super().__init__(scope, construct_id)
        self.topics: dict[str, sns.Topic] = {}
        for key in catalog.SLA_TOPICS:
            topic = sns.Topic(
                self,
                f"Topic{key.title().replace('_', '')}",
                topic_name=catalog.resource_name(stage, f"sla-{key}"),
                display_name=f"Contact center SLA escalations: {key.replace('_', ' ')}",
                master_key=encryption_key,
            )
            topic.add_to_resource_policy(
                iam.PolicyStatement(
                    sid="DenyInsecureTransport",
                    effect=iam.Effect.DENY,
                    principals=[iam.AnyPrincipal()],
                    actions=["sns:Publish"],
                    resources=[topic.topic_arn],
                    conditions={"Bool": {"aws:SecureTransport": "false"}},
                )
            )
            self.topics[key] = topic
        for index, template in enumerate(escalation_templates(f"{APP_NAME}-{stage}")):
            ses.CfnTemplate(
                self,
                f"Template{index}",
                template=ses.CfnTemplate.TemplateProperty(
                    template_name=template["TemplateName"],
                    subject_part=template["SubjectPart"],
                    text_part=template["TextPart"],
                    html_part=template["HtmlPart"],
                ),
            )
