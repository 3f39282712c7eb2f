import { useApp } from "../core/context";
import { href } from "../core/router";
import type { MessageKey } from "../i18n/catalog";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { myTickets } from "./api";

const STATUSES = new Set(["new", "open", "pending", "resolved", "closed"]);

/** A ticket status in the reader's language (one the console does not know: as the API says it). */
export function statusLabel(t: (key: MessageKey) => string, status: string): string {
  return STATUSES.has(status) ? t(`status.${status}` as MessageKey) : status;
}

export default function Tickets() {
  const { api, session } = useApp();
  const { t, formatDate } = useI18n();
  const tickets = useAsync(() => myTickets(api, session?.customerId ?? ""), [session?.customerId]);
  return (
    <Screen title={t("tickets.title")}>
      <p>
        <a class="button" href={href("/tickets/new")}>
          {t("newTicket.title")}
        </a>
      </p>
      {tickets.loading && <Loading />}
      <ErrorMessage error={tickets.error} />
      {tickets.data && tickets.data.items.length === 0 && <p>{t("tickets.empty")}</p>}
      {tickets.data && tickets.data.items.length > 0 && (
        <ul class="tickets">
          {tickets.data.items.map((item) => (
            <li key={item.ticket_id} class="card">
              <a href={href(`/tickets/${encodeURIComponent(item.ticket_id)}`)}>{item.subject}</a>
              <dl class="facts">
                <div>
                  <dt>{t("tickets.status")}</dt>
                  <dd>
                    <span class={`badge status-${item.status}`}>{statusLabel(t, item.status)}</span>
                  </dd>
                </div>
                <div>
                  <dt>{t("tickets.opened")}</dt>
                  <dd>{formatDate(item.created_at)}</dd>
                </div>
                <div>
                  <dt>ID</dt>
                  <dd>{item.ticket_id}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
