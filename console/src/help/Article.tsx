import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href, type ScreenProps } from "../core/router";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { publicAnswer, rateAnswer } from "./api";

export default function Article({ params, query }: ScreenProps) {
  const { api } = useApp();
  const { t, formatDate } = useI18n();
  const id = params.id ?? "";
  const q = query.get("q") ?? "";
  const answer = useAsync(() => publicAnswer(api, id), [id]);
  const article = answer.data;
  return (
    <Screen title={article?.title ?? t("article.answer")}>
      {q && (
        <p>
          <a href={href(`/help?q=${encodeURIComponent(q)}`)}>{t("article.back")}</a>
        </p>
      )}
      {answer.loading && <Loading />}
      <ErrorMessage error={answer.error} />
      {article && (
        <>
          <article lang={article.language} class="card">
            <p class="pre">{article.answer}</p>
            <p class="muted">
              {t("article.updated")} <time dateTime={article.updated_at}>{formatDate(article.updated_at)}</time>
            </p>
          </article>
          <Rating id={article.article_id} />
        </>
      )}
      <p>
        {t("article.notHelpful")} <a href={href("/tickets/new")}>{t("help.openTicket")}</a>
      </p>
    </Screen>
  );
}

function Rating({ id }: { id: string }) {
  const { api } = useApp();
  const { t } = useI18n();
  const [given, setGiven] = useState<boolean>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const rate = async (helpful: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      await rateAnswer(api, id, helpful);
      setGiven(helpful);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="rating-title" class="rating">
      <h2 id="rating-title">{t("article.helpful")}</h2>
      <ErrorMessage error={error} />
      {given === undefined ? (
        <div class="row">
          <button type="button" disabled={busy} onClick={() => void rate(true)}>
            {t("article.yes")}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => void rate(false)}>
            {t("article.no")}
          </button>
        </div>
      ) : (
        <p class="success" role="status">
          {t("article.thanks")}
        </p>
      )}
    </section>
  );
}
