// Amazon Connect's CCP, embedded through amazon-connect-streams: in AWS only (a Cognito
// config.json naming the instance's CCP URL), loaded lazily with this chunk, so the help center
// and the local workspace never download it. The CCP is the agent's call controls (accept, hold,
// end, after-contact work and its wrap-up); each contact event tells the workspace to read the
// contact again (GET /agent/contact: the same attributes, for the screen pop).
import "amazon-connect-streams";
import { useEffect, useRef } from "preact/hooks";
import { useI18n } from "../i18n/i18n";

export interface CcpSettings {
  url: string; // https://<instance>.my.connect.aws/ccp-v2/
  region?: string;
}

let started = false; // the CCP is initialised once per page

export default function Ccp({ settings, onChange }: { settings: CcpSettings; onChange: () => void }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (!container.current || started) return;
    started = true;
    connect.core.initCCP(container.current, {
      ccpUrl: settings.url,
      region: settings.region,
      loginPopup: true,
      loginPopupAutoClose: true,
      softphone: { allowFramedSoftphone: true },
    });
    connect.contact((contact) => {
      const tell = () => changed.current();
      contact.onConnecting(tell);
      contact.onConnected(tell);
      contact.onEnded(tell);
      contact.onDestroy(tell);
    });
  }, [settings.url]);

  return <div ref={container} class="ccp" title={t("ws.ccp.title")} />;
}
