import { useApp } from "../core/context";
import { href, type ScreenProps } from "../core/router";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Highlighted } from "../ui/Highlighted";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { search } from "./api";

// A customer may search published public articles but not read the articles API (staff only),
// so an answer is opened from its search: the same query, the hit with this id, its text.
export default function Article({ params, query }: ScreenProps) {
  const { api } = useApp();
  const { t, language } = useI18n();
  const q = query.get("q") ?? "";
  const answer = useAsync(() => (q ? search(api, q, language) : Promise.resolve(undefined)), [q, language]);
  const hit = answer.data?.hits.find((item) => item.article_id === params.id);
  const back = href(`/help?q=${encodeURIComponent(q)}`);
  return (
    <Screen title={hit?.title ?? t("article.answer")}>
      <p>
        <a href={back}>{t("article.back")}</a>
      </p>
      {answer.loading && <Loading />}
      <ErrorMessage error={answer.error} />
      {!answer.loading && !hit && !answer.error && <p>{t("article.missing")}</p>}
      {hit && (
        <article lang={hit.language} class="card">
          <h2>{t("article.answer")}</h2>
          {(hit.highlights.answer ?? []).map((fragment) => (
            <p key={fragment}>
              <Highlighted fragment={fragment} />
            </p>
          ))}
        </article>
      )}
      <p>
        {t("article.notHelpful")} <a href={href("/tickets/new")}>{t("help.openTicket")}</a>
      </p>
    </Screen>
  );
}
