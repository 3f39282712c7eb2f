import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { useAreaI18n } from "../i18n/area";
import { ErrorMessage } from "../ui/ErrorMessage";
import { importArticles, type ImportReport } from "./api";
import { MESSAGES } from "./messages";

/** Import articles from a JSON Lines file (one article a line), as the API takes it. */
export function Import({ onImported }: { onImported: () => void }) {
  const { config, session } = useApp();
  const t = useAreaI18n(MESSAGES);
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      setReport(await importArticles(config.api, session?.token ?? null, await file.text()));
      onImported();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="import-heading">
      <h2 id="import-heading">{t("import.title")}</h2>
      <label for="import-file">{t("import.file")}</label>
      <input id="import-file" type="file" accept=".jsonl,.ndjson,application/x-ndjson" required onChange={(e) => setFile(e.currentTarget.files?.[0])} aria-describedby="import-hint" />
      <p id="import-hint" class="muted">
        {t("import.hint")}
      </p>
      <button type="submit" disabled={busy || !file}>
        {t("import.send")}
      </button>
      <ErrorMessage error={error} />
      <div role="status">
        {report && (
          <>
            <p class="success">{t("import.report", { imported: report.imported, updated: report.updated, unchanged: report.unchanged })}</p>
            {report.errors.length > 0 && (
              <ul class="alert">
                {report.errors.map((e) => (
                  <li key={e.line}>{t("import.lineError", { line: e.line, message: e.message })}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </form>
  );
}
