"""The SES identity scheduled reports are sent from (context flag ``reportSenderEmail``).

SES sends only from a verified identity: deploying creates it, and SES mails the address a link
that its owner follows once (until then, and while the account is in the SES sandbox, the
scheduled runs fail and say so on the schedule). The scheduler's role may send raw e-mail from
this identity only.
"""

from aws_cdk import aws_ses as ses
from constructs import Construct


class ReportSender(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, address: str) -> None:
        super().__init__(scope, construct_id)
        self.identity = ses.EmailIdentity(self, "Identity", identity=ses.Identity.email(address))
