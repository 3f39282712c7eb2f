import { useApp } from "../core/context";
import { href } from "../core/router";
import { useAreaI18n } from "../i18n/area";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import type { AgentNow } from "./api";
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
  const takenAt = snapshot ? Date.parse(snapshot.taken_at) : Date.now();
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
                  <td>{duration(queue.oldest_wait_seconds)}</td>
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
              </tr>
            </thead>
            <tbody>
              {snapshot.agents.map((agent) => (
                <tr key={agent.agent_id}>
                  <th scope="row">{agent.username}</th>
                  <td>{stateOf(agent)}</td>
                  <td>{agent.state_since ? duration((takenAt - Date.parse(agent.state_since)) / 1000) : "–"}</td>
                  <td>{agent.contact_id ? `${agent.contact_channel ?? ""} ${agent.contact_queue ?? ""}`.trim() : "–"}</td>
                  <td>{agent.handled_today}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={href("/supervisor/alerts")}>{t("rules.title")}</a>
      </p>
    </Screen>
  );
}
