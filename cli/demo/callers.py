"""Chapter: callers. Jan (VIP, Dutch) calls the help desk and authenticates in the IVR; the
call reaches the Router X queue with top priority and a full screen pop. Kim mistypes her
PIN twice: the agent sees only the verified company (UC17 course D)."""

from cli.demo.transcript import Transcript
from localcloud.call_transcript import render
from localcloud.seed import seed
from localcloud.session import LocalSession


def run(session: LocalSession, transcript: Transcript) -> None:
    transcript.chapter("Callers: IVR authentication and skills routing through the real contact flow")
    customers = seed(session)
    transcript.say("demo callers: 12345678 Jan (VIP, nl, PIN 4321), 34567890 Kim (gold, ko, PIN 1357), ...")
    cloud = session.cloud
    cloud.connect.open_override = True  # the demo runs at any hour; see `contactcenter call --at`
    try:
        simulator, flow = cloud.simulator(), cloud.flow_arn("inbound_helpdesk")
        jan = simulator.call(flow, caller="+31201234567", inputs=["1", "12345678#", "4321#"])
        for line in render(jan):
            transcript.say(line)
        transcript.expect(
            (jan.queue, jan.priority, jan.attributes.get("auth_level")) == ("Router X support", 1, "full"),
            "Jan was not fully authenticated and routed to Router X with priority",
        )
        transcript.expect(jan.attributes.get("customer_id") == customers["12345678"], "wrong screen pop")
        transcript.say("")
        kim = simulator.call(flow, caller="+82221234567", inputs=["1", "34567890#", "1111#", "2222#"])
        for line in render(kim)[-3:]:
            transcript.say(line)
        transcript.expect(kim.attributes.get("auth_level") == "company_only", "course D did not happen")
    finally:
        cloud.connect.open_override = None
