import { useEffect, useRef, useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href, type ScreenProps } from "../core/router";
import type { MessageKey } from "../i18n/catalog";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Attachments } from "../ui/Attachments";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { reply, ticket, timeline, type TimelineItem } from "./api";
import { statusLabel } from "./Tickets";

// While the ticket is open on screen its timeline is read again every few seconds, so an
// agent's reply shows up without a reload; the count of new entries is announced politely.
export const POLL_MS = 4000;

const KINDS = new Set(["created", "status_changed", "commented", "assigned", "updated", "attachment_added", "merged"]);

export default function TicketDetail({ params, query }: ScreenProps) {
  const { api } = useApp();
  const { t, formatDate } = useI18n();
  const id = params.id ?? "";
  const record = useAsync(() => ticket(api, id), [id]);
  const entries = useAsync(() => timeline(api, id), [id]);
  const [text, setText] = useState("");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const seen = useRef<number | null>(null);
  const [fresh, setFresh] = useState(0);

  useEffect(() => {
    const timer = window.setInterval(() => {
      void entries.reload();
      void record.reload();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [entries.reload, record.reload]);

  const count = entries.data?.items.length;
  useEffect(() => {
    if (count === undefined) return;
    if (seen.current !== null && count > seen.current) setFresh(count - seen.current);
    seen.current = count;
  }, [count]);

  const send = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSent(false);
    try {
      await reply(api, id, text.trim());
      setText("");
      setSent(true);
      await entries.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const current = record.data;
  const closed = current?.status === "closed";
  return (
    <Screen title={t("ticket.title", { id })}>
      {query.get("created") && <p class="success">{t("newTicket.created", { id })}</p>}
      <ErrorMessage error={record.error} />
      {current && (
        <div class="card">
          <p class="ticket-subject">{current.subject}</p>
          <p>
            {t("tickets.status")}: <span class={`badge status-${current.status}`}>{statusLabel(t, current.status)}</span>
          </p>
          {current.description && <p class="pre">{current.description}</p>}
        </div>
      )}
      <section aria-labelledby="timeline-title">
        <div class="row spread">
          <h2 id="timeline-title">{t("ticket.timeline")}</h2>
          <button type="button" class="secondary" onClick={() => void entries.reload()}>
            {t("ticket.refresh")}
          </button>
        </div>
        <p class="muted" role="status" aria-live="polite">
          {fresh > 0 ? t("ticket.updates", { count: fresh }) : ""}
        </p>
        {entries.loading && !entries.data && <Loading />}
        <ErrorMessage error={entries.error} />
        {entries.data && entries.data.items.length === 0 && <p>{t("ticket.timelineEmpty")}</p>}
        <ol class="timeline">
          {entries.data?.items.map((item) => <Entry key={item.event_id} item={item} formatDate={formatDate} />)}
        </ol>
      </section>
      {current && !closed && (
        <section aria-labelledby="reply-title">
          <h2 id="reply-title">{t("ticket.reply")}</h2>
          <ErrorMessage error={error} />
          {sent && (
            <p class="success" role="status">
              {t("ticket.sent")}
            </p>
          )}
          <form class="form" onSubmit={send}>
            <label for="reply-body">{t("ticket.replyLabel")}</label>
            <textarea id="reply-body" rows={4} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
            <button type="submit" disabled={busy}>
              {t("ticket.send")}
            </button>
          </form>
        </section>
      )}
      {current && <Attachments ticketId={id} canAttach={!closed} />}
      {closed && <p class="notice">{t("ticket.closedNote")}</p>}
      <p>
        <a href={href(`/callback?ticket=${encodeURIComponent(id)}`)}>{t("ticket.callback")}</a>
      </p>
    </Screen>
  );
}

function Entry({ item, formatDate }: { item: TimelineItem; formatDate: (iso: string) => string }) {
  const { t } = useI18n();
  const label = KINDS.has(item.kind) ? t(`timeline.${item.kind}` as MessageKey) : t("timeline.other");
  const fromCustomer = item.comment?.author_type === "customer";
  return (
    <li class={`entry ${item.comment ? (fromCustomer ? "from-customer" : "from-team") : ""}`}>
      <p class="entry-head">
        <strong>{item.comment ? (fromCustomer ? t("ticket.you") : t("ticket.team")) : label}</strong>{" "}
        <time dateTime={item.at}>{formatDate(item.at)}</time>
      </p>
      {item.comment?.body ? <p class="pre">{item.comment.body}</p> : !KINDS.has(item.kind) && <p>{item.summary}</p>}
    </li>
  );
}
