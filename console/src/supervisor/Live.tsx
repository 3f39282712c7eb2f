import { useEffect, useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href } from "../core/router";
import { useAreaI18n } from "../i18n/area";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { setAgentStatus, type AgentNow } from "./api";
import { useLive } from "./live";
import { MESSAGES, type SupervisorKey } from "./messages";
import { SupervisorNav } from "./Nav";

/** Seconds as m:ss (or h:mm:ss). */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/** The time now, every second. */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

const STATES: Record<string, SupervisorKey> = {
  on_contact: "state.on_contact",
  after_contact_work: "state.after_contact_work",
  Available: "state.available",
  Break: "state.break",
  Offline: "state.offline",
};

export default function Live() {
  const { api } = useApp();
  const { language, formatDate } = useI18n();
  const t = useAreaI18n(MESSAGES);
  const live = useLive(api, language);
  const snapshot = live.snapshot;
  const now = useNow();
  const [told, setTold] = useState<string | Error>("");
  // Waits and times in state go on between snapshots: counted from the snapshot to now.
  const since = snapshot ? Math.max(0, (now - Date.parse(snapshot.taken_at)) / 1000) : 0;
  const stateOf = (agent: AgentNow) => (STATES[agent.state] ? t(STATES[agent.state]!) : agent.state);
  return (
    <Screen title={t("live.title")}>
      <SupervisorNav current="/supervisor" />
      <p class="muted" role="status">
        {t(`live.mode.${live.mode}`)}
        {snapshot && ` · ${t("live.takenAt", { time: formatDate(snapshot.taken_at) })}`}
      </p>
      <ErrorMessage error={live.error} />

      <h2 id="alerts-heading">{t("live.alerts")}</h2>
      <div role="log" aria-live="polite" aria-labelledby="alerts-heading" class="live-alerts">
        {live.alerts.length === 0 && <p class="muted">{t("live.noAlerts")}</p>}
        <ul class="alerts">
          {live.alerts.map((alert) => (
            <li key={alert.key} class={`card alert-${alert.state}`} lang={alert.language}>
              <p class="alert-line">
                <span class={`badge state-${alert.state}`}>{t(`alert.${alert.state}`)}</span> <strong>{alert.title}</strong>
              </p>
              <p>{alert.body}</p>
            </li>
          ))}
        </ul>
      </div>

      <h2>{t("live.queues")}</h2>
      {!snapshot && !live.error && <Loading />}
      {snapshot && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t("live.queues")}>
          <table class="figures">
            <thead>
              <tr>
                <th scope="col">{t("queue.name")}</th>
                <th scope="col">{t("queue.waiting")}</th>
                <th scope="col">{t("queue.oldest")}</th>
                <th scope="col">{t("queue.available")}</th>
                <th scope="col">{t("queue.onContact")}</th>
                <th scope="col">{t("queue.acw")}</th>
                <th scope="col">{t("queue.break")}</th>
                <th scope="col">{t("queue.serviceLevel")}</th>
                <th scope="col">{t("queue.abandoned")}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.queues.map((queue) => (
                <tr key={queue.queue} data-queue={queue.queue}>
                  <th scope="row">{queue.name || queue.queue}</th>
                  <td>{queue.contacts_waiting}</td>
                  <td>{duration(queue.oldest_wait_seconds + (queue.contacts_waiting > 0 ? since : 0))}</td>
                  <td>
                    {queue.agents_available} / {queue.agents_online}
                  </td>
                  <td>{queue.agents_on_contact}</td>
                  <td>{queue.agents_after_contact_work}</td>
                  <td>{queue.agents_on_break}</td>
                  <td>{queue.service_level_today_pct === null ? "–" : `${Math.round(queue.service_level_today_pct)}%`}</td>
                  <td>{queue.abandoned_today}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("live.agents")}</h2>
      {snapshot && snapshot.agents.length === 0 && <p class="muted">{t("live.noAgents")}</p>}
      {snapshot && snapshot.agents.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t("live.agents")}>
          <table class="figures">
            <thead>
              <tr>
                <th scope="col">{t("agent.name")}</th>
                <th scope="col">{t("agent.state")}</th>
                <th scope="col">{t("agent.since")}</th>
                <th scope="col">{t("agent.contact")}</th>
                <th scope="col">{t("agent.handled")}</th>
                <th scope="col">{t("agent.setStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.agents.map((agent) => (
                <tr key={agent.agent_id}>
                  <th scope="row">{agent.username}</th>
                  <td>{stateOf(agent)}</td>
                  <td>{agent.state_since ? duration((now - Date.parse(agent.state_since)) / 1000) : "–"}</td>
                  <td>{agent.contact_id ? `${agent.contact_channel ?? ""} ${agent.contact_queue ?? ""}`.trim() : "–"}</td>
                  <td>{agent.handled_today}</td>
                  <td>
                    <StatusChanger agent={agent} onDone={setTold} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={told instanceof Error ? told : undefined} />
      <p role="status" class={typeof told === "string" && told ? "success" : undefined}>
        {typeof told === "string" ? told : ""}
      </p>
      <p>
        <a href={href("/supervisor/alerts")}>{t("rules.title")}</a>
      </p>
    </Screen>
  );
}

const SETTABLE = ["Available", "Break", "Offline"] as const;

/** Put an agent on Available, Break or Offline (PUT /monitor/agents/{id}/status); the next
 * snapshot shows it. */
function StatusChanger({ agent, onDone }: { agent: AgentNow; onDone: (told: string | Error) => void }) {
  const { api } = useApp();
  const t = useAreaI18n(MESSAGES);
  const [status, setStatus] = useState<string>("Break");
  const [busy, setBusy] = useState(false);
  const id = `status-${agent.agent_id}`;
  const set = async () => {
    setBusy(true);
    try {
      await setAgentStatus(api, agent.agent_id, status);
      onDone(t("agent.statusSet", { agent: agent.username, status: t(STATES[status] ?? "state.available") }));
    } catch (caught) {
      onDone(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="row">
      <select id={id} aria-label={t("agent.newStatus", { agent: agent.username })} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
        {SETTABLE.map((name) => (
          <option key={name} value={name}>
            {t(STATES[name]!)}
          </option>
        ))}
      </select>
      <button type="button" class="secondary small" disabled={busy} onClick={() => void set()} aria-label={t("agent.setStatusOf", { agent: agent.username })}>
        {t("agent.set")}
      </button>
    </div>
  );
}
