import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href } from "../core/router";
import { LANGUAGES, LANGUAGE_NAMES } from "../i18n/catalog";
import { useAreaI18n } from "../i18n/area";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { articles } from "./api";
import { MESSAGES, type AdminKey } from "./messages";
import { Import } from "./Import";
import { AdminNav } from "./Nav";

const STATUSES = ["draft", "published", "archived"] as const;

/** The knowledge base: every article in every state, to open, edit and publish. */
export default function Articles() {
  const { api } = useApp();
  const { formatDate } = useI18n();
  const t = useAreaI18n(MESSAGES);
  const [status, setStatus] = useState("");
  const [language, setLanguage] = useState("");
  const list = useAsync(() => articles(api, status || undefined, language || undefined), [status, language]);
  return (
    <Screen title={t("articles.title")}>
      <AdminNav current="/admin" />
      <p>
        <a class="button" href={href("/admin/articles/new")}>
          {t("articles.new")}
        </a>
      </p>
      <div class="row wrap">
        <label>
          {t("articles.status")}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">{t("articles.any")}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}` as AdminKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("articles.language")}
          <select value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
            <option value="">{t("articles.any")}</option>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data && (
        <p role="status" class="muted">
          {t("articles.count", { count: list.data.items.length })}
        </p>
      )}
      {list.data && list.data.items.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t("articles.title")}>
          <table class="figures">
            <thead>
              <tr>
                <th scope="col">{t("articles.articleTitle")}</th>
                <th scope="col">{t("articles.language")}</th>
                <th scope="col">{t("articles.status")}</th>
                <th scope="col">{t("articles.audience")}</th>
                <th scope="col">{t("articles.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item) => (
                <tr key={item.article_id}>
                  <th scope="row" lang={item.language}>
                    <a href={href(`/admin/articles/${encodeURIComponent(item.article_id)}`)}>{item.title}</a>
                  </th>
                  <td>{item.language}</td>
                  <td>
                    <span class={`badge status-${item.status}`}>{t(`status.${item.status}` as AdminKey)}</span>
                  </td>
                  <td>{t(`audience.${item.audience}` as AdminKey)}</td>
                  <td>{formatDate(item.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Import onImported={() => void list.reload()} />
    </Screen>
  );
}
