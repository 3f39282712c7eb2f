import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import type { ScreenProps } from "../core/router";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Screen } from "../ui/Screen";
import { askCallback, type Callback as CallbackOut } from "./api";

export default function Callback({ query }: ScreenProps) {
  const { api, session } = useApp();
  const { t, language, formatDate } = useI18n();
  const ticketId = query.get("ticket") ?? undefined;
  const [number, setNumber] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<CallbackOut>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setDone(
        await askCallback(api, {
          number: number.trim(),
          customer_id: session?.customerId ?? "",
          // A customer's callback names no ticket (the API refuses ticket_id from customers):
          // the ticket goes into the reason, which the agent reads.
          reason: [ticketId, reason.trim()].filter(Boolean).join(": "),
          language,
        }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Screen title={t("callback.title")}>
      {ticketId && <p class="muted">{t("callback.forTicket", { id: ticketId })}</p>}
      <ErrorMessage error={error} />
      {done ? (
        <div class="success" role="status">
          <p>{t("callback.done", { number: done.number })}</p>
          <p>
            {t("callback.status", { status: done.status })} · <time dateTime={done.not_before}>{formatDate(done.not_before)}</time>
          </p>
        </div>
      ) : (
        <form class="form" onSubmit={submit}>
          <label for="callback-number">{t("callback.number")}</label>
          <input
            id="callback-number"
            type="tel"
            required
            autoComplete="tel"
            aria-describedby="callback-number-hint"
            value={number}
            onInput={(e) => setNumber(e.currentTarget.value)}
          />
          <p id="callback-number-hint" class="muted">
            {t("callback.numberHint")}
          </p>
          <label for="callback-reason">{t("callback.reason")}</label>
          <textarea id="callback-reason" rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" disabled={busy}>
            {t("callback.submit")}
          </button>
        </form>
      )}
    </Screen>
  );
}
