import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href, navigate, type ScreenProps } from "../core/router";
import { LANGUAGES, LANGUAGE_NAMES } from "../i18n/catalog";
import { useAreaI18n } from "../i18n/area";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import {
  archiveArticle,
  article,
  feedback,
  createArticle,
  publishArticle,
  replaceArticle,
  versions,
  type Article,
  type ArticleFields,
} from "./api";
import { MESSAGES, type AdminKey } from "./messages";
import { AdminNav } from "./Nav";

const lines = (text: string) => text.split("\n").map((line) => line.trim()).filter(Boolean);
const words = (text: string) => text.split(",").map((word) => word.trim()).filter(Boolean);

interface Draft {
  article_id: string;
  language: string;
  title: string;
  answer: string;
  questions: string;
  products: string;
  tags: string;
  audience: "agents" | "public";
}

const draftOf = (a: Article | undefined): Draft => ({
  article_id: a?.article_id ?? "",
  language: a?.language ?? "en",
  title: a?.title ?? "",
  answer: a?.answer ?? "",
  questions: (a?.questions ?? []).join("\n"),
  products: (a?.products ?? []).join(", "),
  tags: (a?.tags ?? []).join(", "),
  audience: a?.audience ?? "public",
});

/** An article: write it (a new version each time it is saved), publish it, archive it. */
export default function ArticleEdit({ params }: ScreenProps) {
  const id = params.id;
  const { api } = useApp();
  const t = useAreaI18n(MESSAGES);
  const loaded = useAsync(() => (id ? article(api, id) : Promise.resolve(undefined)), [id]);
  const [told, setTold] = useState("");
  if (id && loaded.loading && !loaded.data) return <Loading />;
  if (id && loaded.error) return <ErrorMessage error={loaded.error} />;
  return (
    <Screen title={id ? t("edit.title") : t("edit.newTitle")}>
      <AdminNav current="/admin" />
      <Editor key={loaded.data?.version ?? 0} initial={loaded.data} tell={setTold} onSaved={() => void loaded.reload()} />
      <p role="status" class={told ? "success" : undefined}>
        {told}
      </p>
      {id && <Feedback id={id} />}
      {id && <Versions id={id} version={loaded.data?.version ?? 0} />}
    </Screen>
  );
}

function Editor({ initial, tell, onSaved }: { initial: Article | undefined; tell: (told: string) => void; onSaved: () => void }) {
  const { api } = useApp();
  const t = useAreaI18n(MESSAGES);
  const [draft, setDraft] = useState<Draft>(draftOf(initial));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fields = (): ArticleFields => ({
    article_id: draft.article_id.trim() || undefined,
    language: draft.language,
    title: draft.title,
    answer: draft.answer,
    questions: lines(draft.questions),
    products: words(draft.products),
    tags: words(draft.tags),
    audience: draft.audience,
  });

  const act = async (what: () => Promise<Article>, message: AdminKey) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await what();
      tell(t(message, { version: saved.version }));
      if (!initial) navigate(`/admin/articles/${encodeURIComponent(saved.article_id)}`);
      else onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const save = (event: Event) => {
    event.preventDefault();
    void act(
      () => (initial ? replaceArticle(api, initial.article_id, initial.version, fields(), initial.status) : createArticle(api, fields())),
      "edit.saved",
    );
  };
  const set = (field: keyof Draft) => (event: Event) =>
    setDraft({ ...draft, [field]: (event.currentTarget as HTMLInputElement).value });

  return (
    <>
      {initial && (
        <p>
          <span class={`badge status-${initial.status}`}>{t(`status.${initial.status}` as AdminKey)}</span>{" "}
          {t("edit.version", { version: initial.version })}
          {initial.status === "published" && initial.audience === "public" && (
            <>
              {" · "}
              <span class="muted">{t("edit.inHelpCenter")}</span>
            </>
          )}
        </p>
      )}
      <form onSubmit={save}>
        {!initial && (
          <>
            <label for="article-id">{t("edit.id")}</label>
            <input id="article-id" value={draft.article_id} onInput={set("article_id")} aria-describedby="article-id-hint" autoComplete="off" />
            <p id="article-id-hint" class="muted">
              {t("edit.idHint")}
            </p>
          </>
        )}
        <label for="article-language">{t("edit.language")}</label>
        <select id="article-language" value={draft.language} onChange={set("language")}>
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
        <label for="article-title">{t("articles.articleTitle")}</label>
        <input id="article-title" required value={draft.title} onInput={set("title")} lang={draft.language} />
        <label for="article-answer">{t("edit.answer")}</label>
        <textarea id="article-answer" rows={8} value={draft.answer} onInput={set("answer")} lang={draft.language} />
        <label for="article-questions">{t("edit.questions")}</label>
        <textarea id="article-questions" rows={3} value={draft.questions} onInput={set("questions")} lang={draft.language} aria-describedby="article-questions-hint" />
        <p id="article-questions-hint" class="muted">
          {t("edit.questionsHint")}
        </p>
        <label for="article-products">{t("edit.products")}</label>
        <input id="article-products" value={draft.products} onInput={set("products")} aria-describedby="article-list-hint" />
        <label for="article-tags">{t("edit.tags")}</label>
        <input id="article-tags" value={draft.tags} onInput={set("tags")} aria-describedby="article-list-hint" />
        <p id="article-list-hint" class="muted">
          {t("edit.listHint")}
        </p>
        <fieldset>
          <legend>{t("articles.audience")}</legend>
          {(["public", "agents"] as const).map((value) => (
            <label key={value} class="choice">
              <input type="radio" name="audience" value={value} checked={draft.audience === value} onChange={set("audience")} />
              {t(`audience.${value}`)}
            </label>
          ))}
        </fieldset>
        <ErrorMessage error={error} />
        <div class="row wrap">
          <button type="submit" disabled={busy}>
            {t("edit.save")}
          </button>
          {initial && initial.status !== "published" && (
            <button type="button" disabled={busy} onClick={() => void act(() => publishArticle(api, initial.article_id), "edit.published")}>
              {t("edit.publish")}
            </button>
          )}
          {initial && initial.status !== "archived" && (
            <button type="button" class="secondary" disabled={busy} onClick={() => void act(() => archiveArticle(api, initial.article_id), "edit.archived")}>
              {t("edit.archive")}
            </button>
          )}
        </div>
      </form>
      <p>
        <a href={href("/admin")}>{t("edit.back")}</a>
      </p>
    </>
  );
}

function Versions({ id, version }: { id: string; version: number }) {
  const { api } = useApp();
  const { formatDate } = useI18n();
  const t = useAreaI18n(MESSAGES);
  const history = useAsync(() => versions(api, id), [id, version]);
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t("edit.versions")}</h2>
      <ErrorMessage error={history.error} />
      {history.data && (
        <ol class="versions">
          {history.data.versions.map((v) => (
            <li key={v.version}>
              {t("edit.version", { version: v.version })} · {formatDate(v.saved_at)} · {v.saved_by}
              {v.article.status && ` · ${t(`status.${v.article.status}` as AdminKey)}`}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** How often readers (the chat, the help center) found it helpful. */
function Feedback({ id }: { id: string }) {
  const { api } = useApp();
  const t = useAreaI18n(MESSAGES);
  const counts = useAsync(() => feedback(api, id), [id]);
  if (!counts.data) return <ErrorMessage error={counts.error} />;
  return <p class="muted">{t("edit.feedback", { helpful: counts.data.helpful, unhelpful: counts.data.unhelpful })}</p>;
}
