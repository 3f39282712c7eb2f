import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { navigate } from "../core/router";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Screen } from "../ui/Screen";
import { openTicket } from "./api";

const TYPES = ["request", "complaint", "compliment"] as const;

export default function NewTicket() {
  const { api, session } = useApp();
  const { t, language } = useI18n();
  const [type, setType] = useState<string>("request");
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await openTicket(api, {
        customer_id: session?.customerId ?? "",
        type,
        subject: subject.trim(),
        description: description.trim(),
        language,
      });
      navigate(`/tickets/${encodeURIComponent(created.ticket_id)}?created=1`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <Screen title={t("newTicket.title")}>
      <ErrorMessage error={error} />
      <form class="form" onSubmit={submit}>
        <fieldset>
          <legend>{t("newTicket.type")}</legend>
          {TYPES.map((value) => (
            <label key={value} class="choice">
              <input type="radio" name="type" value={value} checked={type === value} onChange={() => setType(value)} />
              {t(`type.${value}`)}
            </label>
          ))}
        </fieldset>
        <label for="ticket-subject">{t("newTicket.subject")}</label>
        <input id="ticket-subject" required maxLength={200} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
        <label for="ticket-description">{t("newTicket.description")}</label>
        <textarea id="ticket-description" rows={5} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>
          {t("newTicket.submit")}
        </button>
      </form>
    </Screen>
  );
}
