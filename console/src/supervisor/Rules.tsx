import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { LANGUAGES, LANGUAGE_NAMES } from "../i18n/catalog";
import { useAreaI18n } from "../i18n/area";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { alertRules, deleteRule, METRICS, saveRule, type AlertRule } from "./api";
import { MESSAGES } from "./messages";
import { SupervisorNav } from "./Nav";

interface Draft {
  queue: string;
  metric: string;
  raise_at: string;
  clear_at: string;
  language: string;
  enabled: boolean;
}

const EMPTY: Draft = { queue: "", metric: "contacts_waiting", raise_at: "", clear_at: "", language: "en", enabled: true };

/** The queue alerts' rules: thresholds with hysteresis (docs/monitor.md, "Alerts"). */
export default function Rules() {
  const { api } = useApp();
  const { language, formatDate } = useI18n();
  const t = useAreaI18n(MESSAGES);
  const rules = useAsync(() => alertRules(api), []);
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, language });
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState("");
  const [busy, setBusy] = useState(false);

  const edit = (rule: AlertRule) => {
    setDraft({
      queue: rule.queue,
      metric: rule.metric,
      raise_at: String(rule.raise_at),
      clear_at: String(rule.clear_at),
      language: rule.language,
      enabled: rule.enabled,
    });
    setSaved("");
    document.getElementById("rule-queue")?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await saveRule(api, draft.queue.trim(), draft.metric, {
        raise_at: Number(draft.raise_at),
        clear_at: Number(draft.clear_at),
        language: draft.language,
        enabled: draft.enabled,
      });
      setSaved(t("rules.saved", { queue: draft.queue, metric: t(`metric.${draft.metric}` as "metric.contacts_waiting") }));
      await rules.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (rule: AlertRule) => {
    setError(undefined);
    try {
      await deleteRule(api, rule.queue, rule.metric);
      setSaved(t("rules.deleted", { queue: rule.queue }));
      await rules.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  const set = (field: keyof Draft) => (event: Event) => {
    const target = event.currentTarget as HTMLInputElement;
    setDraft({ ...draft, [field]: target.type === "checkbox" ? target.checked : target.value });
  };

  return (
    <Screen title={t("rules.title")}>
      <SupervisorNav current="/supervisor/alerts" />
      <p>{t("rules.intro")}</p>
      {rules.loading && <Loading />}
      <ErrorMessage error={rules.error} />
      {rules.data && rules.data.items.length === 0 && <p class="muted">{t("rules.empty")}</p>}
      {rules.data && rules.data.items.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t("rules.title")}>
          <table class="figures">
            <thead>
              <tr>
                <th scope="col">{t("queue.name")}</th>
                <th scope="col">{t("rules.metric")}</th>
                <th scope="col">{t("rules.raiseAt")}</th>
                <th scope="col">{t("rules.clearAt")}</th>
                <th scope="col">{t("rules.state")}</th>
                <th scope="col">{t("rules.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rules.data.items.map((rule) => (
                <tr key={`${rule.queue}/${rule.metric}`}>
                  <th scope="row">{rule.queue}</th>
                  <td>{t(`metric.${rule.metric}` as "metric.contacts_waiting")}</td>
                  <td>{rule.raise_at}</td>
                  <td>{rule.clear_at}</td>
                  <td>
                    {!rule.enabled
                      ? t("rules.disabled")
                      : rule.raised
                        ? t("rules.raisedSince", { time: rule.raised_at ? formatDate(rule.raised_at) : "" })
                        : t("rules.quiet")}
                  </td>
                  <td>
                    <button type="button" class="secondary small" onClick={() => edit(rule)}>
                      {t("rules.edit", { queue: rule.queue })}
                    </button>{" "}
                    <button type="button" class="secondary small" onClick={() => void remove(rule)}>
                      {t("rules.delete", { queue: rule.queue })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("rules.formTitle")}</h2>
      <form onSubmit={submit}>
        <label for="rule-queue">{t("queue.name")}</label>
        <input id="rule-queue" required value={draft.queue} onInput={set("queue")} autoComplete="off" />
        <label for="rule-metric">{t("rules.metric")}</label>
        <select id="rule-metric" value={draft.metric} onChange={set("metric")}>
          {METRICS.map((metric) => (
            <option key={metric} value={metric}>
              {t(`metric.${metric}`)}
            </option>
          ))}
        </select>
        <label for="rule-raise">{t("rules.raiseAt")}</label>
        <input id="rule-raise" type="number" step="any" required value={draft.raise_at} onInput={set("raise_at")} />
        <label for="rule-clear">{t("rules.clearAt")}</label>
        <input id="rule-clear" type="number" step="any" required value={draft.clear_at} onInput={set("clear_at")} aria-describedby="rule-clear-hint" />
        <p id="rule-clear-hint" class="muted">
          {t("rules.clearHint")}
        </p>
        <label for="rule-language">{t("rules.language")}</label>
        <select id="rule-language" value={draft.language} onChange={set("language")}>
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
        <label class="choice">
          <input type="checkbox" checked={draft.enabled} onChange={set("enabled")} />
          {t("rules.enabled")}
        </label>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {t("rules.save")}
        </button>
      </form>
      <p role="status" class={saved ? "success" : undefined}>
        {saved}
      </p>
    </Screen>
  );
}
