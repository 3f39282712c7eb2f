// The help center's chat: the bot first, then a person. The API starts an Amazon Connect chat on
// the chat flow for the signed-in customer (POST /chat/contacts); the browser then joins it at
// the Participant Service and polls its transcript. Locally the same screen reaches the flow
// simulator running the same flow file, and the agent's side is the local CCP.
import { useEffect, useRef, useState } from "preact/hooks";
import { useApp } from "../../core/context";
import { CHAT_STORAGE_PREFIX } from "../../core/session";
import { useAreaI18n } from "../../i18n/area";
import { useI18n } from "../../i18n/i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { Screen } from "../../ui/Screen";
import { startChat } from "../api";
import { CHAT_MESSAGES } from "./messages";
import { EVENT, merged, Participant, type TranscriptItem } from "./participant";
import "./chat.css";

const POLL_MS = 1500;
// This tab's chat, so a reload rejoins it: kept per customer (CHAT_STORAGE_PREFIX + id), and
// dropped at sign-out (saveSession(null)), so whoever signs in next on the tab never joins it.

export default function Chat() {
  const { api, config, session } = useApp();
  const { language, formatDate } = useI18n();
  const t = useAreaI18n(CHAT_MESSAGES);
  const participant = config.chat ? new Participant(config.chat.participant) : null;
  const STORED = CHAT_STORAGE_PREFIX + (session?.customerId ?? "");
  const [connection, setConnection] = useState<string | null>(() => sessionStorage.getItem(STORED));
  const [items, setItems] = useState<TranscriptItem[]>([]);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const ended = items.some((item) => item.ContentType === `${EVENT}chat.ended`);
  const log = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (!participant || !connection || ended) return;
    let stopped = false;
    const poll = async () => {
      try {
        const fresh = await participant.transcript(connection);
        if (!stopped) setItems((known) => merged(known, fresh));
      } catch (caught) {
        if (!stopped) setError(caught);
        forget();
      }
    };
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [connection, ended]);

  useEffect(() => {
    if (ended) sessionStorage.removeItem(STORED);
    log.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [items.length, ended]);

  const forget = () => {
    sessionStorage.removeItem(STORED);
    setConnection(null);
  };

  const start = async () => {
    if (!participant) return;
    setBusy(true);
    setError(undefined);
    setItems([]);
    try {
      const chat = await startChat(api, { language });
      const token = await participant.connect(chat.participant_token);
      sessionStorage.setItem(STORED, token);
      setConnection(token);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const send = async (event: Event) => {
    event.preventDefault();
    const line = text.trim();
    if (!participant || !connection || !line) return;
    setBusy(true);
    try {
      await participant.send(connection, line);
      setText("");
      setItems(merged(items, await participant.transcript(connection)));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const end = async () => {
    if (!participant || !connection) return;
    try {
      await participant.disconnect(connection);
      setItems(merged(items, await participant.transcript(connection)));
    } catch (caught) {
      setError(caught);
    }
    forget();
  };

  const line = (item: TranscriptItem) => {
    const name = item.DisplayName || t("chat.agent");
    if (item.Type === "EVENT") {
      const kind = item.ContentType.slice(EVENT.length);
      const said =
        kind === "transfer.succeeded"
          ? t("chat.queued")
          : kind === "participant.joined" && item.ParticipantRole === "AGENT"
            ? t("chat.joined", { name })
            : kind === "participant.left" && item.ParticipantRole === "AGENT"
              ? t("chat.left", { name })
              : kind === "chat.ended"
                ? t("chat.ended")
                : null;
      return said && <li key={item.Id} class="chat-event">{said}</li>;
    }
    if (item.Type !== "MESSAGE") return null;
    const who = item.ParticipantRole === "CUSTOMER" ? t("chat.you") : item.ParticipantRole === "AGENT" ? name : t("chat.bot");
    return (
      <li key={item.Id} class={`chat-message chat-${item.ParticipantRole === "CUSTOMER" ? "mine" : "theirs"}`}>
        <p class="chat-who">
          {who} · <time dateTime={item.AbsoluteTime}>{formatDate(item.AbsoluteTime)}</time>
        </p>
        <p class="chat-text">{item.Content}</p>
      </li>
    );
  };

  if (!participant) {
    return (
      <Screen title={t("chat.title")}>
        <p class="muted">{t("chat.unavailable")}</p>
      </Screen>
    );
  }
  return (
    <Screen title={t("chat.title")}>
      <ErrorMessage error={error} />
      {!connection && !ended && (
        <>
          <p>{t("chat.intro")}</p>
          <button type="button" onClick={() => void start()} disabled={busy}>
            {busy ? t("chat.starting") : t("chat.start")}
          </button>
        </>
      )}
      {(connection || items.length > 0) && (
        <div class="chat-log" role="log" aria-live="polite" aria-label={t("chat.log")} tabIndex={0}>
          <ol ref={log}>{items.map(line)}</ol>
        </div>
      )}
      {connection && !ended && (
        <form class="chat-form" onSubmit={send}>
          <label for="chat-message">{t("chat.message")}</label>
          <textarea
            id="chat-message"
            rows={2}
            maxLength={4000}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) void send(e);
            }}
          />
          <div class="chat-actions">
            <button type="submit" disabled={busy || !text.trim()}>
              {t("chat.send")}
            </button>
            <button type="button" class="secondary" onClick={() => void end()}>
              {t("chat.end")}
            </button>
          </div>
        </form>
      )}
      {ended && (
        <button type="button" onClick={() => void start()} disabled={busy}>
          {t("chat.again")}
        </button>
      )}
    </Screen>
  );
}
