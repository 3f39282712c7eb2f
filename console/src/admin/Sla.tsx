import { useApp } from "../core/context";
import { useAreaI18n } from "../i18n/area";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { SLA_KINDS, slaConfig, type SlaKind } from "./api";
import { MESSAGES, type AdminKey } from "./messages";
import { AdminNav } from "./Nav";

/** The SLA configuration: calendars, policies, escalation rules (read-only here; PUT through the API). */
export default function Sla() {
  const t = useAreaI18n(MESSAGES);
  return (
    <Screen title={t("sla.title")}>
      <AdminNav current="/admin/sla" />
      <p class="muted">{t("readOnly")}</p>
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
  const title = t(`sla.${kind}` as AdminKey);
  return (
    <section aria-labelledby={`sla-${kind}`}>
      <h2 id={`sla-${kind}`}>{title}</h2>
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data && list.data.items.length === 0 && <p class="muted">{t("none")}</p>}
      {list.data?.items.map((item) => (
        <details key={item.config_id} class="card">
          <summary>
            <strong>{item.config_id}</strong> · {t("sla.revision", { revision: item.revision })} · {formatDate(item.updated_at)}
          </summary>
          <pre class="pre" lang="en">
            {JSON.stringify(item.definition, null, 2)}
          </pre>
        </details>
      ))}
    </section>
  );
}
