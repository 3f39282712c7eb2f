import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href, navigate, type ScreenProps } from "../core/router";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Highlighted } from "../ui/Highlighted";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { search } from "./api";

export default function Search({ query }: ScreenProps) {
  const { api } = useApp();
  const { t, language } = useI18n();
  const q = query.get("q") ?? "";
  const [text, setText] = useState(q);
  const answer = useAsync(() => (q ? search(api, q, language) : Promise.resolve(undefined)), [q, language]);
  const submit = (event: Event) => {
    event.preventDefault();
    if (text.trim()) navigate(`/help?q=${encodeURIComponent(text.trim())}`);
  };
  const result = answer.data;
  const corrected = result && Object.keys(result.corrections).length > 0;
  return (
    <Screen title={t("help.title")}>
      <form role="search" class="search" onSubmit={submit}>
        <label for="help-q">{t("help.searchLabel")}</label>
        <div class="row">
          <input id="help-q" type="search" name="q" value={text} onInput={(e) => setText(e.currentTarget.value)} autoComplete="off" />
          <button type="submit">{t("help.searchButton")}</button>
        </div>
      </form>
      {q && answer.loading && <Loading />}
      <ErrorMessage error={answer.error} />
      {result && (
        <section aria-labelledby="results-title" aria-live="polite">
          <h2 id="results-title">{t("help.resultsHeading")}</h2>
          <p class="muted" role="status">
            {t("help.results", { count: result.hits.length })}
          </p>
          {result.language_fallback && <p class="notice">{t("help.fallback")}</p>}
          {corrected && <p class="muted">{t("help.didYouMean", { terms: Object.values(result.corrections).join(", ") })}</p>}
          {result.hits.length === 0 ? (
            <p>
              {t("help.noResults")} <a href={href("/tickets/new")}>{t("help.openTicket")}</a>
            </p>
          ) : (
            <ol class="results">
              {result.hits.map((hit) => (
                <li key={hit.article_id} lang={hit.language}>
                  <a href={href(`/help/articles/${encodeURIComponent(hit.article_id)}?q=${encodeURIComponent(q)}`)}>{hit.title}</a>
                  {hit.highlights.answer?.[0] && (
                    <p class="snippet">
                      <Highlighted fragment={hit.highlights.answer[0]} />
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </Screen>
  );
}
