"""Chapter: knowledge. The help center's articles are imported; an agent searches them in two
languages; chatters are answered from them by the self-service chat (Dutch, Chinese), and a
question no article answers is handed to an agent with the chat's transcript."""

from cli.demo.transcript import Transcript
from localcloud.call_transcript import render
from localcloud.flow_simulator import CallResult
from localcloud.seed import seed_knowledge
from localcloud.session import LocalSession

YES = {"nl": "ja, bedankt", "zh": "是"}


def run(session: LocalSession, transcript: Transcript) -> None:
    transcript.chapter("Knowledge: agents search the help center; the chat bot answers or hands over")
    imported = seed_knowledge(session)
    transcript.data("help center imported", imported)
    agent = session.token("agent", username="ana")
    for query, language, expected in (
        ("customer wants a credit for an internet outage", "en", "kb-goodwill-credit-en"),
        ("wachtwoord vergeten", "nl", "kb-password-nl"),
    ):
        response = session.http(
            "GET", "/knowledge/search", token=agent, params={"q": query, "lang": language}
        )
        transcript.http(response, "an agent searches", show=("decision",))
        hits = response.json().get("hits") or [{}]
        top = hits[0]
        transcript.say(
            f"  top hit: {top.get('article_id')}  {top.get('highlights', {}).get('title', [''])[0]}"
        )
        transcript.expect(top.get("article_id") == expected, f"{query!r} did not find {expected}")

    for language, question, expected in (
        ("nl", "Er is twee keer afgeschreven voor mijn factuur", "kb-double-charge-nl"),
        ("zh", "路由器一直闪红灯", "kb-router-restart-zh"),
    ):
        answer = session.http("GET", f"/knowledge/articles/{expected}", token=agent).json()["answer"]
        answered = _chat(session, transcript, language, question, YES[language])
        transcript.expect(
            answer in _bot_said(answered) and answered.outcome == "disconnected",
            f"the {language} chatter was not answered from {expected}",
        )
    handed_over = _chat(session, transcript, "en", "can you book me a flight to Paris")
    transcript.expect(
        handed_over.queue == "General help desk"
        and "flight to Paris" in handed_over.attributes.get("transcript", ""),
        "the unanswerable question was not handed to an agent with the chat's transcript",
    )


def _chat(session: LocalSession, transcript: Transcript, language: str, *lines: str) -> CallResult:
    cloud = session.cloud
    result = cloud.simulator().call(
        cloud.flow_arn("chat_selfservice"),
        caller="+31612345678",
        inputs=lines,
        channel="CHAT",
        attributes={"language": language},
    )
    transcript.say("")
    # The flow keeps the customer's words out of the flow logs, so the call's log hides them.
    transcript.say(f"the chatter ({language}) writes: " + " / ".join(lines))
    for line in render(result):
        transcript.say(line)
    return result


def _bot_said(result: CallResult) -> list[str]:
    return [str(line.data["text"]) for line in result.lines() if line.text.startswith("bot:")]
