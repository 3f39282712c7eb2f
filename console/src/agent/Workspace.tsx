import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href, navigate } from "../core/router";
import type { MessageKey } from "../i18n/catalog";
import { isLanguage, useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import "./agent.css";
import { agentContact, ccp, customer, history, openTicket, tickets, type CcpAction, type ContactNow } from "./api";
import type { CcpSettings } from "./Ccp";
import { Knowledge, SEARCH_ID } from "./Knowledge";
import { LocalChat } from "./LocalChat";
import { focusId, Shortcuts, type Shortcut } from "./Shortcuts";

// The contact in hand, read again every few seconds from GET /agent/contact (Connect's
// GetCurrentUserData and the contact's attributes). Locally the call controls are the local
// CCP's (/local/ccp/*); in AWS they are Amazon Connect's CCP (not embedded yet: docs/console.md).
export const CONTACT_POLL_MS = 3000;

export const WRAP_UP_CODES = ["resolved", "follow_up", "complaint_opened", "information", "no_action"] as const;
const STATES = new Set(["CONNECTING", "CONNECTED", "CONNECTED_ONHOLD", "ENDED", "MISSED", "ERROR", "REJECTED"]);
const STATUSES = ["Available", "Break", "Offline"] as const;

export default function Workspace() {
  const { api, config, session } = useApp();
  const { t } = useI18n();
  const now = useAsync(() => agentContact(api), []);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string>(WRAP_UP_CODES[0]);
  const local = config.auth === "local";

  useEffect(() => {
    const timer = window.setInterval(() => void now.reload(), CONTACT_POLL_MS);
    return () => window.clearInterval(timer);
  }, [now.reload]);

  const act = async (action: CcpAction, body: Record<string, string> = {}) => {
    setBusy(true);
    setError(undefined);
    try {
      await ccp(api, action, body);
      await now.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const contact = now.data?.contact ?? null;
  const state = contact?.state;
  const shortcuts: Shortcut[] = [
    { key: "i", label: "ws.shortcut.inbox", run: () => navigate("/agent/tickets") },
    { key: "/", label: "ws.shortcut.search", run: () => focusId(SEARCH_ID) },
  ];
  if (local && state === "CONNECTING") shortcuts.push({ key: "a", label: "ws.shortcut.accept", run: () => void act("accept") });
  if (local && state === "CONNECTED") shortcuts.push({ key: "h", label: "ws.shortcut.hold", run: () => void act("hold") });
  if (local && state === "CONNECTED_ONHOLD") shortcuts.push({ key: "h", label: "ws.shortcut.resume", run: () => void act("resume") });
  if (local && (state === "CONNECTED" || state === "CONNECTED_ONHOLD"))
    shortcuts.push({ key: "e", label: "ws.shortcut.end", run: () => void act("end") });
  if (contact?.attributes.customer_id) shortcuts.push({ key: "c", label: "ws.shortcut.complaint", run: () => focusId("complaint-subject") });

  return (
    <Screen title={t("agent.title")}>
      <div class="ws">
        <p class="muted">{session?.roles.map((role) => t(`role.${role}`)).join(", ")}</p>
        <Shortcuts shortcuts={shortcuts} />
        <p>
          <a href={href("/agent/tickets")}>{t("ws.inbox.title")}</a>
        </p>
        <div class="ws-grid">
          <div>
            <section class="panel" aria-labelledby="contact-title">
              <h2 id="contact-title">{t("ws.contact.title")}</h2>
              {now.loading && !now.data && <Loading />}
              <ErrorMessage error={now.error} />
              <ErrorMessage error={error} />
              {now.data && !now.data.user_id && <p>{t("ws.contact.noUser")}</p>}
              {now.data?.user_id && (
                <div class="ws-actions">
                  <p>
                    {t("ws.contact.status")}: <strong>{now.data.status ?? t("ws.contact.loggedOut")}</strong>
                  </p>
                  {local &&
                    now.data.status &&
                    STATUSES.filter((s) => s !== now.data?.status).map((s) => (
                      <button key={s} type="button" class="secondary" disabled={busy} onClick={() => void act("status", { status: s })}>
                        {t("ws.contact.setStatus", { status: statusName(t, s) })}
                      </button>
                    ))}
                </div>
              )}
              <div role="status" aria-live="polite">
                {now.data?.user_id && !contact && <p>{t("ws.contact.none")}</p>}
                {contact && (
                  <p>
                    <span class={`badge state-${contact.state}`}>{stateName(t, contact.state)}</span> {contact.channel} ·{" "}
                    {contact.attributes.queue_name ?? contact.queue}
                  </p>
                )}
              </div>
              {contact && local && (
                <div class="ws-actions">
                  {state === "CONNECTING" && (
                    <button type="button" disabled={busy} onClick={() => void act("accept")}>
                      {t("ws.contact.accept")}
                    </button>
                  )}
                  {state === "CONNECTED" && (
                    <button type="button" class="secondary" disabled={busy} onClick={() => void act("hold")}>
                      {t("ws.contact.hold")}
                    </button>
                  )}
                  {state === "CONNECTED_ONHOLD" && (
                    <button type="button" class="secondary" disabled={busy} onClick={() => void act("resume")}>
                      {t("ws.contact.resume")}
                    </button>
                  )}
                  {(state === "CONNECTED" || state === "CONNECTED_ONHOLD") && (
                    <button type="button" disabled={busy} onClick={() => void act("end")}>
                      {t("ws.contact.end")}
                    </button>
                  )}
                </div>
              )}
              {!local && config.ccp && <EmbeddedCcp settings={config.ccp} onChange={() => void now.reload()} />}
              {contact && !local && !config.ccp && <p class="muted">{t("ws.contact.useCcp")}</p>}
              {contact && local && state === "ENDED" && (
                <form
                  class="form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void act("wrap-up", { code });
                  }}
                >
                  <label for="wrap-up-code">{t("ws.wrapUp.label")}</label>
                  <select id="wrap-up-code" value={code} onChange={(e) => setCode(e.currentTarget.value)}>
                    {WRAP_UP_CODES.map((c) => (
                      <option key={c} value={c}>
                        {t(`ws.wrapUp.${c}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" disabled={busy}>
                    {t("ws.wrapUp.finish")}
                  </button>
                </form>
              )}
            </section>
            {contact && local && contact.channel === "CHAT" && state !== "CONNECTING" && <LocalChat contactId={contact.contact_id} />}
            {contact && <ScreenPop contact={contact} />}
          </div>
          <Knowledge />
        </div>
      </div>
    </Screen>
  );
}

type CcpProps = { settings: CcpSettings; onChange: () => void };

/** The CCP's chunk (amazon-connect-streams) is imported only here, only in AWS. */
function EmbeddedCcp(props: CcpProps) {
  const [Loaded, setLoaded] = useState<ComponentType<CcpProps> | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    import("./Ccp").then((module) => setLoaded(() => module.default), setError);
  }, []);
  if (error) return <ErrorMessage error={error} />;
  return Loaded ? <Loaded {...props} /> : <Loading />;
}

function stateName(t: (key: MessageKey) => string, state: string): string {
  return STATES.has(state) ? t(`ws.state.${state}` as MessageKey) : state;
}

function statusName(t: (key: MessageKey) => string, status: string): string {
  return (STATUSES as readonly string[]).includes(status) ? t(`ws.status.${status}` as MessageKey) : status;
}

/** What the IVR and routing learned about the caller, their profile, history and open tickets,
 * and a complaint opened for them. */
function ScreenPop({ contact }: { contact: ContactNow }) {
  const { t } = useI18n();
  const attributes = contact.attributes;
  const id = attributes.customer_id;
  const facts: [MessageKey, string | undefined][] = [
    ["ws.pop.name", attributes.customer_name],
    ["ws.pop.verified", attributes.authenticated && (attributes.authenticated === "true" ? t("ws.pop.yes") : t("ws.pop.no"))],
    ["ws.pop.intent", attributes.intent],
    ["ws.pop.language", attributes.language],
    ["ws.pop.queue", attributes.queue_name],
    ["ws.pop.reason", attributes.routing_reason],
    ["ws.pop.tier", attributes.tier],
  ];
  return (
    <section class="panel" aria-labelledby="pop-title">
      <h2 id="pop-title">{t("ws.pop.title")}</h2>
      <dl class="facts">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {id ? <Customer id={id} language={attributes.language} /> : <p>{t("ws.pop.unknown")}</p>}
    </section>
  );
}

function Customer({ id, language }: { id: string; language?: string }) {
  const { api } = useApp();
  const { t, formatDate } = useI18n();
  const profile = useAsync(() => customer(api, id), [id]);
  const past = useAsync(() => history(api, id), [id]);
  const theirs = useAsync(() => tickets(api, { customer: id }), [id]);
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const open = theirs.data?.items.filter((item) => item.status !== "closed" && item.status !== "resolved") ?? [];

  const complain = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await openTicket(api, {
        customer_id: id,
        type: "complaint",
        subject: subject.trim(),
        description: description.trim(),
        language: isLanguage(language) ? language : undefined,
      });
      navigate(`/agent/tickets/${encodeURIComponent(created.ticket_id)}?created=1`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <>
      <h3>{t("ws.pop.profile")}</h3>
      <ErrorMessage error={profile.error} />
      {profile.data && (
        <dl class="facts">
          <div>
            <dt>{t("ws.pop.name")}</dt>
            <dd>{profile.data.name}</dd>
          </div>
          {profile.data.account_number && (
            <div>
              <dt>{t("ws.pop.account")}</dt>
              <dd>{profile.data.account_number}</dd>
            </div>
          )}
          {profile.data.company && (
            <div>
              <dt>{t("ws.pop.company")}</dt>
              <dd>{profile.data.company}</dd>
            </div>
          )}
          {profile.data.email && (
            <div>
              <dt>{t("ws.pop.email")}</dt>
              <dd>{profile.data.email}</dd>
            </div>
          )}
          {profile.data.products.length > 0 && (
            <div>
              <dt>{t("ws.pop.products")}</dt>
              <dd>{profile.data.products.join(", ")}</dd>
            </div>
          )}
        </dl>
      )}
      <h3>{t("ws.pop.openTickets")}</h3>
      <ErrorMessage error={theirs.error} />
      {theirs.data && open.length === 0 && <p>{t("ws.pop.noOpenTickets")}</p>}
      <ul class="tickets">
        {open.map((item) => (
          <li key={item.ticket_id}>
            <a href={href(`/agent/tickets/${encodeURIComponent(item.ticket_id)}`)}>
              {item.ticket_id}: {item.subject}
            </a>{" "}
            <span class="badge">{t(`status.${item.status}` as MessageKey)}</span>
          </li>
        ))}
      </ul>
      <h3>{t("ws.pop.history")}</h3>
      <ErrorMessage error={past.error} />
      {past.data && past.data.items.length === 0 && <p>{t("ws.pop.noHistory")}</p>}
      <ul class="tickets">
        {past.data?.items.map((item) => (
          <li key={`${item.kind}-${item.reference}-${item.at}`}>
            <time dateTime={item.at}>{formatDate(item.at)}</time> · {item.summary}
          </li>
        ))}
      </ul>
      <h3 id="complaint-title">{t("ws.complaint.title")}</h3>
      <ErrorMessage error={error} />
      <form class="form" aria-labelledby="complaint-title" onSubmit={complain}>
        <label for="complaint-subject">{t("ws.complaint.subject")}</label>
        <input id="complaint-subject" required maxLength={200} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
        <label for="complaint-description">{t("ws.complaint.description")}</label>
        <textarea id="complaint-description" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>
          {t("ws.complaint.open")}
        </button>
      </form>
    </>
  );
}
