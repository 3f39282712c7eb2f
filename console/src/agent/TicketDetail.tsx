import { useEffect, useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href, navigate, type ScreenProps } from "../core/router";
import type { MessageKey } from "../i18n/catalog";
import { useI18n } from "../i18n/i18n";
import { Attachments } from "../ui/Attachments";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import "./agent.css";
import { agentId, assign, comment, merge, resolve, ticket, timeline, transition, type AgentTicket, type TimelineItem } from "./api";
import { Knowledge, SEARCH_ID } from "./Knowledge";
import { focusId, Shortcuts } from "./Shortcuts";

// A ticket as staff work it: its facts, the whole timeline (internal entries too), a public
// reply or an internal note (knowledge search beside it fills the reply), the moves its status
// allows, assignment and merge. A complaint in its closed loop is resolved by recording the
// resolution (POST /tickets/{id}/resolution): the loop closes it after the follow-up call.
const MOVES: Record<string, string[]> = {
  new: ["open", "pending", "resolved", "closed"],
  open: ["pending", "resolved", "closed"],
  pending: ["open", "resolved"],
  resolved: ["closed", "open"],
  closed: [],
};
const LOOP_ENDED = new Set(["closed", "escalated", "failed"]);
const REPLY_ID = "reply-body";

export default function TicketDetail({ params, query }: ScreenProps) {
  const { api, session } = useApp();
  const { t, formatDate } = useI18n();
  const id = params.id ?? "";
  const record = useAsync(() => ticket(api, id), [id]);
  const entries = useAsync(() => timeline(api, id), [id]);
  const [text, setText] = useState("");
  const [visibility, setVisibility] = useState<"public" | "internal">("public");
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const timer = window.setInterval(() => void entries.reload(), 5000);
    return () => window.clearInterval(timer);
  }, [entries.reload]);

  const run = async (work: () => Promise<unknown>, done: MessageKey) => {
    setBusy(true);
    setError(undefined);
    setNotice("");
    try {
      await work();
      setNotice(t(done));
      await Promise.all([record.reload(), entries.reload()]);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const current = record.data;
  const looping = !!current?.workflow?.state && !LOOP_ENDED.has(current.workflow.state);

  return (
    <Screen title={t("ws.ticket.title", { id })}>
      <div class="ws">
        <Shortcuts
          shortcuts={[
            { key: "r", label: "ws.shortcut.reply", run: () => focusId(REPLY_ID) },
            { key: "/", label: "ws.shortcut.search", run: () => focusId(SEARCH_ID) },
            { key: "i", label: "ws.shortcut.inbox", run: () => navigate("/agent/tickets") },
            { key: "w", label: "ws.shortcut.workspace", run: () => navigate("/agent") },
          ]}
        />
        <p>
          <a href={href("/agent")}>{t("ws.back")}</a> · <a href={href("/agent/tickets")}>{t("ws.inbox.title")}</a>
        </p>
        {query.get("created") && <p class="success">{t("ws.ticket.created", { id })}</p>}
        <div role="status" aria-live="polite">
          {notice && <p class="success">{notice}</p>}
        </div>
        <ErrorMessage error={record.error} />
        <ErrorMessage error={error} />
        <div class="ws-grid">
          <div>
            {record.loading && !current && <Loading />}
            {current && (
              <div class="card">
                <p class="ticket-subject">{current.subject}</p>
                <dl class="facts">
                  <div>
                    <dt>{t("tickets.status")}</dt>
                    <dd>
                      <span class={`badge status-${current.status}`}>{t(`status.${current.status}` as MessageKey)}</span>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("ws.ticket.type")}</dt>
                    <dd>{current.type}</dd>
                  </div>
                  <div>
                    <dt>{t("ws.ticket.priority")}</dt>
                    <dd>{current.priority}</dd>
                  </div>
                  <div>
                    <dt>{t("ws.ticket.assignee")}</dt>
                    <dd>{current.assignee_id ?? current.department ?? "—"}</dd>
                  </div>
                  {current.resolution_due_at && (
                    <div>
                      <dt>{t("ws.ticket.due")}</dt>
                      <dd>{formatDate(current.resolution_due_at)}</dd>
                    </div>
                  )}
                  {current.workflow?.state && (
                    <div>
                      <dt>{t("ws.ticket.loop")}</dt>
                      <dd>{current.workflow.state}</dd>
                    </div>
                  )}
                </dl>
                {current.description && <p class="pre">{current.description}</p>}
              </div>
            )}
            {current && (
              <Actions
                current={current}
                looping={looping}
                busy={busy}
                me={agentId(session)}
                run={run}
              />
            )}
            {current && current.status !== "closed" && (
              <section aria-labelledby="reply-title">
                <h2 id="reply-title">{t("ws.reply.title")}</h2>
                <form
                  class="form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void run(async () => {
                      await comment(api, id, text.trim(), visibility);
                      setText("");
                    }, visibility === "public" ? "ws.reply.sent" : "ws.reply.noted");
                  }}
                >
                  <fieldset>
                    <legend>{t("ws.reply.kind")}</legend>
                    <label class="choice">
                      <input type="radio" name="visibility" checked={visibility === "public"} onChange={() => setVisibility("public")} />
                      {t("ws.reply.public")}
                    </label>
                    <label class="choice">
                      <input
                        type="radio"
                        name="visibility"
                        checked={visibility === "internal"}
                        onChange={() => setVisibility("internal")}
                      />
                      {t("ws.reply.internal")}
                    </label>
                  </fieldset>
                  <label for={REPLY_ID}>{t("ws.reply.label")}</label>
                  <textarea id={REPLY_ID} rows={5} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
                  <button type="submit" disabled={busy}>
                    {visibility === "public" ? t("ws.reply.send") : t("ws.reply.note")}
                  </button>
                </form>
              </section>
            )}
            <Attachments ticketId={id} />
            <section aria-labelledby="timeline-title">
              <h2 id="timeline-title">{t("ticket.timeline")}</h2>
              {entries.loading && !entries.data && <Loading />}
              <ErrorMessage error={entries.error} />
              <ol class="timeline">
                {entries.data?.items.map((item) => <Entry key={item.event_id} item={item} formatDate={formatDate} />)}
              </ol>
            </section>
          </div>
          <Knowledge
            onSend={(answer) => {
              setText((before) => (before.trim() ? `${before.trim()}\n\n${answer}` : answer));
              setVisibility("public");
              focusId(REPLY_ID);
            }}
          />
        </div>
      </div>
    </Screen>
  );
}

function Entry({ item, formatDate }: { item: TimelineItem; formatDate: (iso: string) => string }) {
  const { t } = useI18n();
  const internal = item.visibility === "internal";
  return (
    <li class={`entry ${item.comment ? "from-team" : ""} ${internal ? "internal" : ""}`}>
      <p class="entry-head">
        <strong>{item.comment ? (item.comment.author ?? item.actor) : item.summary}</strong>
        {internal && <span class="badge"> {t("ws.reply.internalBadge")}</span>}{" "}
        <time dateTime={item.at}>{formatDate(item.at)}</time>
      </p>
      {item.comment?.body && <p class="pre">{item.comment.body}</p>}
    </li>
  );
}

function Actions({
  current,
  looping,
  busy,
  me,
  run,
}: {
  current: AgentTicket;
  looping: boolean;
  busy: boolean;
  me: string;
  run: (work: () => Promise<unknown>, done: MessageKey) => Promise<void>;
}) {
  const { api } = useApp();
  const { t } = useI18n();
  const moves = (MOVES[current.status] ?? []).filter((to) => !(looping && (to === "resolved" || to === "closed")));
  const [to, setTo] = useState(moves[0] ?? "");
  const [pendingOn, setPendingOn] = useState("customer");
  const [resolution, setResolution] = useState("");
  const [disposition, setDisposition] = useState("duplicate");
  const [agent, setAgent] = useState("");
  const [department, setDepartment] = useState("");
  const [into, setInto] = useState("");
  const target = moves.includes(to) ? to : (moves[0] ?? "");

  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t("ws.actions.title")}</h2>
      {looping && (
        <form
          class="form panel"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => resolve(api, current.ticket_id, resolution.trim()), "ws.actions.resolutionRecorded");
          }}
        >
          <p class="muted">{t("ws.actions.loopHint")}</p>
          <label for="loop-resolution">{t("ws.actions.resolution")}</label>
          <textarea id="loop-resolution" rows={3} required value={resolution} onInput={(e) => setResolution(e.currentTarget.value)} />
          <button type="submit" disabled={busy}>
            {t("ws.actions.recordResolution")}
          </button>
        </form>
      )}
      {moves.length > 0 && (
        <form
          class="form"
          onSubmit={(event) => {
            event.preventDefault();
            const extra: Record<string, string> = {};
            if (target === "pending") extra.pending_on = pendingOn;
            if (target === "resolved" && resolution.trim()) extra.resolution = resolution.trim();
            if (target === "closed" && current.status !== "resolved") extra.disposition = disposition;
            void run(() => transition(api, current, target, extra), "ws.actions.moved");
          }}
        >
          <label for="move-to">{t("ws.actions.moveTo")}</label>
          <select id="move-to" value={target} onChange={(e) => setTo(e.currentTarget.value)}>
            {moves.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}` as MessageKey)}
              </option>
            ))}
          </select>
          {target === "pending" && (
            <>
              <label for="pending-on">{t("ws.actions.pendingOn")}</label>
              <select id="pending-on" value={pendingOn} onChange={(e) => setPendingOn(e.currentTarget.value)}>
                <option value="customer">{t("ws.actions.pendingCustomer")}</option>
                <option value="department">{t("ws.actions.pendingDepartment")}</option>
              </select>
            </>
          )}
          {target === "resolved" && !looping && (
            <>
              <label for="move-resolution">{t("ws.actions.resolution")}</label>
              <textarea id="move-resolution" rows={2} value={resolution} onInput={(e) => setResolution(e.currentTarget.value)} />
            </>
          )}
          {target === "closed" && current.status !== "resolved" && (
            <>
              <label for="disposition">{t("ws.actions.disposition")}</label>
              <select id="disposition" value={disposition} onChange={(e) => setDisposition(e.currentTarget.value)}>
                <option value="duplicate">{t("ws.actions.duplicate")}</option>
                <option value="spam">{t("ws.actions.spam")}</option>
              </select>
            </>
          )}
          <button type="submit" disabled={busy}>
            {t("ws.actions.move")}
          </button>
        </form>
      )}
      <div class="ws-actions">
        <button
          type="button"
          class="secondary"
          disabled={busy || current.assignee_id === me}
          onClick={() => void run(() => assign(api, current, { mode: "manual", agent_id: me }), "ws.actions.assigned")}
        >
          {t("ws.actions.assignMe")}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => void run(() => assign(api, current, { mode: "auto" }), "ws.actions.assigned")}
        >
          {t("ws.actions.assignAuto")}
        </button>
      </div>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          const body = agent.trim()
            ? { mode: "manual" as const, agent_id: agent.trim() }
            : { mode: "manual" as const, department: department.trim() };
          void run(() => assign(api, current, body), "ws.actions.assigned");
        }}
      >
        <label for="assign-agent">{t("ws.actions.assignAgent")}</label>
        <input id="assign-agent" value={agent} onInput={(e) => setAgent(e.currentTarget.value)} />
        <label for="assign-department">{t("ws.actions.assignDepartment")}</label>
        <input id="assign-department" value={department} onInput={(e) => setDepartment(e.currentTarget.value)} />
        <button type="submit" class="secondary" disabled={busy || !(agent.trim() || department.trim())}>
          {t("ws.actions.assign")}
        </button>
      </form>
      {current.status !== "closed" && (
        <form
          class="form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => merge(api, current, into.trim()), "ws.actions.merged");
          }}
        >
          <label for="merge-into">{t("ws.actions.mergeInto")}</label>
          <input id="merge-into" pattern="T-[0-9]{6,12}" placeholder="T-000001" value={into} onInput={(e) => setInto(e.currentTarget.value)} />
          <button type="submit" class="secondary" disabled={busy || !into.trim()}>
            {t("ws.actions.merge")}
          </button>
        </form>
      )}
    </section>
  );
}
