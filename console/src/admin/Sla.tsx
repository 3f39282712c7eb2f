import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { useAreaI18n } from "../i18n/area";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { putSlaConfig, SLA_KINDS, slaConfig, type ConfigItem, type SlaKind } from "./api";
import { MESSAGES, type AdminKey } from "./messages";
import { AdminNav } from "./Nav";

/** The SLA configuration: calendars, policies and escalation rules, each a definition the API
 * checks (its 422 names the field) and audits; edited as JSON, created under a new id. */
export default function Sla() {
  const t = useAreaI18n(MESSAGES);
  return (
    <Screen title={t("sla.title")}>
      <AdminNav current="/admin/sla" />
      <p class="muted">{t("sla.intro")}</p>
      {SLA_KINDS.map((kind) => (
        <ConfigList key={kind} kind={kind} />
      ))}
    </Screen>
  );
}

function ConfigList({ kind }: { kind: SlaKind }) {
  const { api } = useApp();
  const { formatDate } = useI18n();
  const t = useAreaI18n(MESSAGES);
  const list = useAsync(() => slaConfig(api, kind), [kind]);
  const [editing, setEditing] = useState<string | null>(null); // a config id, or "" for a new one
  const [told, setTold] = useState("");
  const title = t(`sla.${kind}` as AdminKey);
  const saved = async (item: ConfigItem) => {
    setEditing(null);
    setTold(t("sla.saved", { id: item.config_id, revision: item.revision }));
    await list.reload();
  };
  return (
    <section aria-labelledby={`sla-${kind}`}>
      <h2 id={`sla-${kind}`}>{title}</h2>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data && list.data.items.length === 0 && <p class="muted">{t("none")}</p>}
      {list.data?.items.map((item) =>
        editing === item.config_id ? (
          <Editor key={item.config_id} kind={kind} item={item} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <details key={item.config_id} class="card">
            <summary>
              <strong>{item.config_id}</strong> · {t("sla.revision", { revision: item.revision })} · {formatDate(item.updated_at)}
            </summary>
            <pre class="pre" lang="en">
              {JSON.stringify(item.definition, null, 2)}
            </pre>
            <button type="button" class="secondary small" onClick={() => setEditing(item.config_id)}>
              {t("sla.edit", { id: item.config_id })}
            </button>
          </details>
        ),
      )}
      {editing === "" ? (
        <Editor kind={kind} onSaved={saved} onCancel={() => setEditing(null)} />
      ) : (
        <button type="button" class="secondary small" onClick={() => setEditing("")}>
          {t("sla.add", { kind: title })}
        </button>
      )}
      <p role="status" class={told ? "success" : undefined}>
        {told}
      </p>
    </section>
  );
}

type EditorProps = { kind: SlaKind; item?: ConfigItem; onSaved: (item: ConfigItem) => void; onCancel: () => void };

function Editor({ kind, item, onSaved, onCancel }: EditorProps) {
  const { api } = useApp();
  const t = useAreaI18n(MESSAGES);
  const [id, setId] = useState(item?.config_id ?? "");
  const [text, setText] = useState(item ? JSON.stringify(item.definition, null, 2) : "{\n}");
  const [error, setError] = useState<unknown>();
  const field = `sla-${kind}-${item?.config_id ?? "new"}`;
  const save = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (caught) {
      setError(new Error(t("sla.invalidJson", { problem: String(caught) })));
      return;
    }
    try {
      onSaved(await putSlaConfig(api, kind, id.trim(), definition));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="form card" onSubmit={save}>
      {!item && (
        <>
          <label for={`${field}-id`}>{t("sla.id")}</label>
          <input id={`${field}-id`} required pattern="[a-z0-9][a-z0-9_\-]{0,63}" value={id} onInput={(e) => setId(e.currentTarget.value)} />
        </>
      )}
      <label for={field}>{t("sla.definition", { id: id || "…" })}</label>
      <textarea id={field} rows={14} lang="en" spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <ErrorMessage error={error} />
      <div class="stack">
        <button type="submit">{t("agent.save")}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t("sla.cancel")}
        </button>
      </div>
    </form>
  );
}
