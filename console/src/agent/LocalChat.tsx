// A chat contact's conversation for the agent, on the local cloud only: in AWS Amazon Connect's
// CCP shows and sends a chat's messages; locally the local CCP does (POST /local/ccp/chat and
// /local/ccp/chat-send), on the same transcript the customer's chat screen reads.
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../core/context";
import { EVENT, merged, type TranscriptItem } from "../help/chat/participant";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { localChat, sendLocalChat } from "./api";

const POLL_MS = 1500;

export function LocalChat({ contactId }: { contactId: string }) {
  const { api } = useApp();
  const { t } = useI18n();
  const [items, setItems] = useState<TranscriptItem[]>([]);
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>();
  const ended = items.some((item) => item.ContentType === `${EVENT}chat.ended`);

  const read = async () => {
    const answer = await localChat(api);
    setItems((known) => merged(known, answer.transcript));
  };
  useEffect(() => {
    setItems([]);
    void read().catch(setError);
    const timer = window.setInterval(() => void read().catch(() => {}), POLL_MS);
    return () => window.clearInterval(timer);
  }, [contactId]);

  const send = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) return;
    setError(undefined);
    try {
      await sendLocalChat(api, text.trim());
      setText("");
      await read();
    } catch (caught) {
      setError(caught);
    }
  };

  const who = (item: TranscriptItem) =>
    item.ParticipantRole === "CUSTOMER" ? item.DisplayName || t("ws.chat.customer") : item.ParticipantRole === "AGENT" ? item.DisplayName : t("ws.chat.bot");
  return (
    <section class="panel" aria-labelledby="chat-title">
      <h2 id="chat-title">{t("ws.chat.title")}</h2>
      <ErrorMessage error={error} />
      <div class="chat-log" role="log" aria-live="polite" aria-label={t("ws.chat.label")} tabIndex={0}>
        <ol>
          {items
            .filter((item) => item.Type === "MESSAGE")
            .map((item) => (
              <li key={item.Id} class="ws-chat-line">
                <strong>{who(item)}:</strong> {item.Content}
              </li>
            ))}
        </ol>
      </div>
      {ended ? (
        <p class="muted">{t("ws.chat.ended")}</p>
      ) : (
        <form class="form" onSubmit={send}>
          <label for="ws-chat-reply">{t("ws.chat.reply")}</label>
          <textarea id="ws-chat-reply" rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" disabled={!text.trim()}>
            {t("ws.chat.send")}
          </button>
        </form>
      )}
    </section>
  );
}
