"""The list cursors' HMAC key (``contactcenter.api.pagination``): a secret CloudFormation
generates, so no person ever sees or types it, encrypted with the product's data key.

The functions that sign cursors (``FunctionSpec.pages``) get its ARN and ``GetSecretValue`` on
it alone, and read it once per cold start.
"""

from aws_cdk import RemovalPolicy
from aws_cdk import aws_kms as kms
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.nag import acknowledge


class CursorKey(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, encryption_key: kms.IKey, removal_policy: RemovalPolicy
    ) -> None:
        super().__init__(scope, construct_id)
        self.secret = secretsmanager.Secret(
            self,
            "Secret",
            description="Signs the API's list cursors (HMAC-SHA256); generated, never entered by hand",
            encryption_key=encryption_key,
            # 64 characters of [A-Za-z0-9]: about 380 bits, more than HMAC-SHA256's 256.
            generate_secret_string=secretsmanager.SecretStringGenerator(
                password_length=64, exclude_punctuation=True, include_space=False
            ),
            removal_policy=removal_policy,
        )
        acknowledge(
            self.secret,
            "AwsSolutions-SMG4",
            "Not rotated on a schedule: the key only makes list cursors tamper-evident, and a rotation "
            "would turn every cursor in use into a 400 (clients start the list again). Rotate by hand, "
            "with a new secret value, when it may have leaked.",
        )
