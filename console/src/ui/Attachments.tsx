import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { attach, attachments, ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from "../help/api";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "./ErrorMessage";
import { useAsync } from "./useAsync";

/** A ticket's attachments (download links, valid 15 minutes) and, when ``canAttach``, a file to
 * add: for agents and for the customer on their own ticket alike (the API decides who may). */
export function Attachments({ ticketId, canAttach = true }: { ticketId: string; canAttach?: boolean }) {
  const { api } = useApp();
  const { t, formatDate } = useI18n();
  const files = useAsync(() => attachments(api, ticketId), [ticketId]);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [told, setTold] = useState("");

  const upload = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setTold("");
    try {
      if (file.size > MAX_ATTACHMENT_BYTES) throw new Error(t("files.hint"));
      await attach(api, ticketId, file);
      setTold(t("files.uploaded", { name: file.name }));
      setFile(null);
      (event.target as HTMLFormElement).reset();
      await files.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">{t("files.title")}</h2>
      <ErrorMessage error={files.error} />
      {files.data && files.data.items.length === 0 && <p>{t("files.none")}</p>}
      <ul class="tickets">
        {files.data?.items.map((item) => (
          <li key={item.attachment_id}>
            <a href={item.download_url} rel="noopener noreferrer" download={item.filename}>
              {item.filename}
            </a>{" "}
            <span class="muted">
              {t("files.size", { kb: Math.max(1, Math.round(item.size / 1024)) })} · <time dateTime={item.at}>{formatDate(item.at)}</time>
            </span>
          </li>
        ))}
      </ul>
      {canAttach && (
        <form class="form" onSubmit={upload}>
          <label for={`attach-${ticketId}`}>{t("files.attach")}</label>
          <input
            id={`attach-${ticketId}`}
            type="file"
            accept={ATTACHMENT_TYPES.join(",")}
            aria-describedby={`attach-${ticketId}-hint`}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
          <p id={`attach-${ticketId}-hint`} class="muted">
            {t("files.hint")}
          </p>
          <ErrorMessage error={error} />
          <button type="submit" class="secondary" disabled={busy || !file}>
            {t("files.upload")}
          </button>
          <p role="status" class={told ? "success" : undefined}>
            {told}
          </p>
        </form>
      )}
    </section>
  );
}
