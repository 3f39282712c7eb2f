import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Highlighted } from "../ui/Highlighted";
import { article, search, type Hit } from "./api";

export const SEARCH_ID = "kb-query";

/** Knowledge search beside the work: ranked answers in the workspace's language; "send this
 * answer" hands the article's answer to `onSend` (the reply box), when there is one. */
export function Knowledge({ onSend }: { onSend?: (answer: string) => void }) {
  const { api } = useApp();
  const { t, language } = useI18n();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<string | null>(null);

  const find = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setSent(null);
    try {
      setHits((await search(api, query.trim(), language)).hits);
    } catch (caught) {
      setError(caught);
    }
  };

  const send = async (hit: Hit) => {
    setError(undefined);
    try {
      const found = await article(api, hit.article_id);
      onSend?.(found.answer);
      setSent(hit.title);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <aside class="panel" aria-labelledby="kb-title">
      <h2 id="kb-title">{t("ws.kb.title")}</h2>
      <form role="search" class="form" onSubmit={find}>
        <label for={SEARCH_ID}>{t("ws.kb.label")}</label>
        <input id={SEARCH_ID} type="search" required value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="submit">{t("ws.kb.search")}</button>
      </form>
      <ErrorMessage error={error} />
      <p class="muted" role="status" aria-live="polite">
        {sent ? t("ws.kb.sent", { title: sent }) : hits ? t("ws.kb.results", { count: hits.length }) : ""}
      </p>
      {hits && (
        <ul class="results">
          {hits.map((hit) => (
            <li key={hit.article_id} lang={hit.language}>
              <p class="result-title">
                <Highlighted fragment={hit.highlights.title?.[0] ?? hit.title} />
              </p>
              {hit.highlights.answer?.[0] && (
                <p class="muted">
                  <Highlighted fragment={hit.highlights.answer[0]} />
                </p>
              )}
              {onSend && (
                <button type="button" class="secondary" onClick={() => void send(hit)}>
                  {t("ws.kb.send")}
                  <span class="visually-hidden">: {hit.title}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
