"""The self-service chat bot: an Amazon Lex V2 bot in the four languages whose utterances all
reach the product's bot function (the fallback and the greeting have the function as their
fulfillment code hook, as in QnABot), the alias the chat flow talks to, and what Connect and
Lex need to call it."""

from aws_cdk import Stack
from aws_cdk import aws_connect as connect
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lex as lex
from constructs import Construct

from contactcenter.chat.texts import GREETING

LOCALES = {"en_US": "en", "nl_NL": "nl", "zh_CN": "zh", "ko_KR": "ko"}


class ChatBot(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        name: str,
        function: lambda_.IFunction,
        instance_arn: str,
    ) -> None:
        super().__init__(scope, construct_id)
        role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lexv2.amazonaws.com"),
            description="The chat bot's runtime role (text only: no speech, no logs of its own)",
        )
        hook = lex.CfnBot.FulfillmentCodeHookSettingProperty(enabled=True)
        locales = [
            lex.CfnBot.BotLocaleProperty(
                locale_id=locale,
                nlu_confidence_threshold=0.4,
                intents=[
                    lex.CfnBot.IntentProperty(
                        name="Greeting",
                        description="Hello, in the locale's language; the function answers it",
                        sample_utterances=[
                            lex.CfnBot.SampleUtteranceProperty(utterance=word) for word in _greetings(locale)
                        ],
                        fulfillment_code_hook=hook,
                    ),
                    lex.CfnBot.IntentProperty(
                        name="FallbackIntent",
                        description="Everything else: the function answers from the knowledge base",
                        parent_intent_signature="AMAZON.FallbackIntent",
                        fulfillment_code_hook=hook,
                    ),
                ],
            )
            for locale in LOCALES
        ]
        self.bot = lex.CfnBot(
            self,
            "Bot",
            name=name,
            role_arn=role.role_arn,
            data_privacy={"ChildDirected": False},
            idle_session_ttl_in_seconds=900,
            auto_build_bot_locales=True,
            bot_locales=locales,
        )
        version = lex.CfnBotVersion(
            self,
            "Version",
            bot_id=self.bot.attr_id,
            bot_version_locale_specification=[
                lex.CfnBotVersion.BotVersionLocaleSpecificationProperty(
                    locale_id=locale,
                    bot_version_locale_details=lex.CfnBotVersion.BotVersionLocaleDetailsProperty(
                        source_bot_version="DRAFT"
                    ),
                )
                for locale in LOCALES
            ],
        )
        self.alias = lex.CfnBotAlias(
            self,
            "Alias",
            bot_id=self.bot.attr_id,
            bot_alias_name="live",
            bot_version=version.attr_bot_version,
            bot_alias_locale_settings=[
                lex.CfnBotAlias.BotAliasLocaleSettingsItemProperty(
                    locale_id=locale,
                    bot_alias_locale_setting=lex.CfnBotAlias.BotAliasLocaleSettingsProperty(
                        enabled=True,
                        code_hook_specification=lex.CfnBotAlias.CodeHookSpecificationProperty(
                            lambda_code_hook=lex.CfnBotAlias.LambdaCodeHookProperty(
                                code_hook_interface_version="1.0", lambda_arn=function.function_arn
                            )
                        ),
                    ),
                )
                for locale in LOCALES
            ],
        )
        function.add_permission(
            "LexInvoke",
            principal=iam.ServicePrincipal("lexv2.amazonaws.com"),
            source_arn=self.alias.attr_arn,
            source_account=Stack.of(self).account,
        )
        connect.CfnIntegrationAssociation(
            self,
            "Integration",
            instance_id=instance_arn,
            integration_type="LEX_BOT",
            integration_arn=self.alias.attr_arn,
        )


def _greetings(locale: str) -> list[str]:
    language = LOCALES[locale]
    by_language = {
        "en": ("hello", "hi"),
        "nl": ("hallo", "hoi", "goedemorgen", "goedemiddag"),
        "zh": ("你好", "您好"),
        "ko": ("안녕하세요", "안녕"),
    }
    return [word for word in by_language[language] if word in GREETING]
