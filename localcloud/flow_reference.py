"""What Amazon Connect documents for its flow language (Version 2019-10-30): every action type,
every flow type, the metrics and the JSONPath namespaces. The checker (``flow_language``)
and the simulator (``flow_simulator``) are held to this list by a test: each documented
action either runs or is refused with the reason written here.

Source: the Amazon Connect API reference, "Actions in the Amazon Connect Flow language"
(https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html) and its
four sub-pages, contact-actions.html, flow-control-actions.html, interactions.html and
participant-actions.html (the same pages under connect/latest/devguide/), read in 2025.
"""

DOCUMENTED_ACTIONS: dict[str, tuple[str, ...]] = {
    "contact-actions": (
        "CompleteOutboundCall",
        "CreateCase",
        "CreateTask",
        "CreateWisdomSession",
        "DequeueContactAndTransferToQueue",
        "EndFlowModuleExecution",
        "GetCase",
        "InvokeFlowModule",
        "StartOutboundChatContact",
        "TagContact",
        "TransferContactToAgent",
        "TransferContactToQueue",
        "UnTagContact",
        "UpdateCase",
        "UpdateContactAttributes",
        "UpdateContactCallbackNumber",
        "UpdateContactData",
        "UpdateContactEventHooks",
        "UpdateContactMediaProcessing",
        "UpdateContactMediaStreamingBehavior",
        "UpdateContactRecordingAndAnalyticsBehavior",
        "UpdateContactRecordingBehavior",
        "ResumeContact",
        "UpdateContactRoutingBehavior",
        "UpdateContactTargetQueue",
        "UpdateContactTextToSpeechVoice",
        "UpdatePreviousContactParticipantState",
    ),
    "flow-control-actions": (
        "CheckHoursOfOperation",
        "CheckMetricData",
        "CheckOutboundCallStatus",
        "CheckVoiceId",
        "Compare",
        "DistributeByPercentage",
        "EndFlowExecution",
        "GetMetricData",
        "Loop",
        "StartVoiceIdStream",
        "TransferToFlow",
        "UpdateFlowAttributes",
        "UpdateFlowLoggingBehavior",
        "UpdateRoutingCriteria",
        "Wait",
    ),
    "interactions": (
        "AssociateContactToCustomerProfile",
        "CreateCallbackContact",
        "CreateCustomerProfile",
        "InvokeLambdaFunction",
        "GetCustomerProfile",
        "GetCustomerProfileObject",
        "GetCalculatedAttributesForCustomerProfile",
        "UpdateCustomerProfile",
    ),
    "participant-actions": (
        "ConnectParticipantWithLexBot",
        "DisconnectParticipant",
        "GetParticipantInput",
        "MessageParticipant",
        "MessageParticipantIteratively",
        "ShowView",
        "TransferParticipantToThirdParty",
    ),
}
ALL_DOCUMENTED = frozenset(name for names in DOCUMENTED_ACTIONS.values() for name in names)

# Documented actions the local cloud cannot honour: the simulator takes their NoMatchingError
# branch and writes this reason in the transcript; the check refuses one without that branch.
UNAVAILABLE: dict[str, str] = {
    "CheckVoiceId": "Amazon Connect Voice ID (speaker authentication) has no local stand-in",
    "StartVoiceIdStream": "Amazon Connect Voice ID (speaker authentication) has no local stand-in",
    "CreateWisdomSession": "Amazon Q in Connect (Wisdom) has no local stand-in",
    "UpdateContactMediaProcessing": "chat message processing by a Lambda is not simulated",
    "StartOutboundChatContact": "outbound chat (SMS, WhatsApp) contacts are not simulated",
}

# Flow types (CreateContactFlow's Type) and the console export's Metadata.type for each.
FLOW_TYPES: dict[str, str] = {
    "CONTACT_FLOW": "contactFlow",
    "CUSTOMER_QUEUE": "customerQueue",
    "CUSTOMER_HOLD": "customerHold",
    "CUSTOMER_WHISPER": "customerWhisper",
    "AGENT_HOLD": "agentHold",
    "AGENT_WHISPER": "agentWhisper",
    "OUTBOUND_WHISPER": "outboundWhisper",
    "AGENT_TRANSFER": "agentTransfer",
    "QUEUE_TRANSFER": "queueTransfer",
    "CAMPAIGN": "campaign",
    "FLOW_MODULE": "contactFlowModule",  # a module (CreateContactFlowModule), not a flow type
}

# CheckMetricData's MetricType values.
CHECK_METRICS = frozenset(
    {
        "NumberOfAgentsAvailable",
        "NumberOfAgentsStaffed",
        "NumberOfAgentsOnline",
        "OldestContactInQueueAgeSeconds",
        "NumberOfContactsInQueue",
    }
)
# What GetMetricData loads under $.Metrics (the admin guide's "Queue metrics" attributes).
METRIC_PATHS = (
    "Queue.Name",
    "Queue.ARN",
    "Queue.OldestContactAge",
    "Queue.Size",
    "Agents.Online.Count",
    "Agents.Available.Count",
    "Agents.Staffed.Count",
    "Agents.AfterContactWork.Count",
    "Agents.Busy.Count",
    "Agents.Missed.Count",
    "Agents.NonProductive.Count",
)
