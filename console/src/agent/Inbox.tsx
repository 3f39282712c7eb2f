import { useEffect, useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href, navigate, type ScreenProps } from "../core/router";
import type { MessageKey } from "../i18n/catalog";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import "./agent.css";
import { agentId, tickets, type AgentTicket, type TicketFilter } from "./api";
import { Shortcuts } from "./Shortcuts";

// The tickets inbox: mine (assignee), my department's (the directory's department of the
// agent, or a department member's own), and by SLA risk (at risk, breached), as GET /tickets
// filters them; open tickets only where the API can filter on one status at a time.
const VIEWS = ["mine", "department", "at_risk", "breached"] as const;
type View = (typeof VIEWS)[number];

export default function Inbox({ query }: ScreenProps) {
  const { api, session } = useApp();
  const { t, formatDate } = useI18n();
  const wanted = query.get("view");
  const view: View = (VIEWS as readonly string[]).includes(wanted ?? "") ? (wanted as View) : "mine";
  const username = agentId(session);
  const list = useAsync(async () => {
    const filter: TicketFilter = {};
    if (view === "mine") filter.assignee = username;
    if (view === "at_risk" || view === "breached") filter.sla = view;
    if (view === "department") {
      filter.department = session?.department ?? (await api.get<{ department_id: string }>(`/agents/${encodeURIComponent(username)}`)).department_id;
    }
    return { filter, page: await tickets(api, filter) };
  }, [view, username]);
  // Further pages (next_cursor), appended by "More tickets"; a new view starts again.
  const [more, setMore] = useState<{ items: AgentTicket[]; cursor: string | null }>({ items: [], cursor: null });
  const [moreError, setMoreError] = useState<unknown>();
  useEffect(() => setMore({ items: [], cursor: list.data?.page.next_cursor ?? null }), [list.data]);
  const loadMore = async () => {
    if (!list.data || !more.cursor) return;
    try {
      const page = await tickets(api, { ...list.data.filter, cursor: more.cursor });
      setMore({ items: [...more.items, ...page.items], cursor: page.next_cursor });
    } catch (caught) {
      setMoreError(caught);
    }
  };
  const items = [...(list.data?.page.items ?? []), ...more.items].filter((item) => item.status !== "closed");

  return (
    <Screen title={t("ws.inbox.title")}>
      <div class="ws">
        <Shortcuts
          shortcuts={[
            { key: "w", label: "ws.shortcut.workspace", run: () => navigate("/agent") },
            ...VIEWS.map((v, index) => ({
              key: String(index + 1),
              label: `ws.inbox.${v}` as MessageKey,
              run: () => navigate(`/agent/tickets?view=${v}`),
            })),
          ]}
        />
        <p>
          <a href={href("/agent")}>{t("ws.back")}</a>
        </p>
        <nav aria-label={t("ws.inbox.views")}>
          <ul class="ws-tabs">
            {VIEWS.map((v) => (
              <li key={v}>
                <a href={href(`/agent/tickets?view=${v}`)} aria-current={v === view ? "page" : undefined}>
                  {t(`ws.inbox.${v}` as MessageKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {list.loading && <Loading />}
        <ErrorMessage error={list.error} />
        {list.data && items.length === 0 && <p>{t("ws.inbox.empty")}</p>}
        {items.length > 0 && (
          <table class="ws-table">
            <caption class="visually-hidden">{t(`ws.inbox.${view}` as MessageKey)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ws.ticket.subject")}</th>
                <th scope="col">{t("tickets.status")}</th>
                <th scope="col">{t("ws.ticket.priority")}</th>
                <th scope="col">{t("ws.ticket.due")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.ticket_id}>
                  <td>
                    <a href={href(`/agent/tickets/${encodeURIComponent(item.ticket_id)}`)}>
                      {item.ticket_id}: {item.subject}
                    </a>
                  </td>
                  <td>
                    <span class="badge">{t(`status.${item.status}` as MessageKey)}</span>
                  </td>
                  <td>{item.priority}</td>
                  <td>{item.resolution_due_at ? formatDate(item.resolution_due_at) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ErrorMessage error={moreError} />
        {more.cursor && (
          <button type="button" class="secondary" onClick={() => void loadMore()}>
            {t("ws.inbox.more")}
          </button>
        )}
      </div>
    </Screen>
  );
}
