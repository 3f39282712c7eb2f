import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { href, type ScreenProps } from "../core/router";
import { useAreaI18n } from "../i18n/area";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { agents, departments, setAvailable, type Agent } from "./api";
import { MESSAGES } from "./messages";
import { AdminNav } from "./Nav";

/** Departments and agents, as the directory has them: each opens its editor; an agent's
 * availability switches here. */
export default function Directory({ query }: ScreenProps) {
  const { api } = useApp();
  const t = useAreaI18n(MESSAGES);
  const depts = useAsync(() => departments(api), []);
  const people = useAsync(() => agents(api), []);
  const saved = query.get("saved");
  const [told, setTold] = useState(saved ? t("directory.saved", { name: saved }) : "");
  const [error, setError] = useState<unknown>();
  const toggle = async (agent: Agent) => {
    setError(undefined);
    try {
      const saved = await setAvailable(api, agent, !agent.available);
      setTold(t(saved.available ? "directory.nowAvailable" : "directory.nowUnavailable", { name: saved.name }));
      await people.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Screen title={t("directory.title")}>
      <AdminNav current="/admin/directory" />
      <h2>{t("directory.departments")}</h2>
      <p>
        <a href={href("/admin/departments/new")}>{t("department.new")}</a>
      </p>
      {depts.loading && <Loading />}
      <ErrorMessage error={depts.error} />
      {depts.data && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t("directory.departments")}>
          <table class="figures">
            <thead>
              <tr>
                <th scope="col">{t("directory.name")}</th>
                <th scope="col">{t("directory.categories")}</th>
                <th scope="col">{t("directory.products")}</th>
              </tr>
            </thead>
            <tbody>
              {depts.data.items.map((d) => (
                <tr key={d.department_id}>
                  <th scope="row">
                    <a href={href(`/admin/departments/${encodeURIComponent(d.department_id)}`)}>{d.name}</a>{" "}
                    {d.default && <span class="badge">{t("directory.default")}</span>}
                  </th>
                  <td>{d.categories.join(", ") || "–"}</td>
                  <td>{d.products.join(", ") || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("directory.agents")}</h2>
      <p>
        <a href={href("/admin/agents/new")}>{t("agent.new")}</a>
      </p>
      {people.loading && <Loading />}
      <ErrorMessage error={people.error} />
      {people.data && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t("directory.agents")}>
          <table class="figures">
            <thead>
              <tr>
                <th scope="col">{t("directory.name")}</th>
                <th scope="col">{t("directory.department")}</th>
                <th scope="col">{t("directory.skills")}</th>
                <th scope="col">{t("directory.languages")}</th>
                <th scope="col">{t("directory.capacity")}</th>
                <th scope="col">{t("directory.available")}</th>
              </tr>
            </thead>
            <tbody>
              {people.data.items.map((a) => (
                <tr key={a.agent_id}>
                  <th scope="row">
                    <a href={href(`/admin/agents/${encodeURIComponent(a.agent_id)}`)}>{a.name}</a>
                  </th>
                  <td>{a.department_id}</td>
                  <td>{a.skills.map((s) => `${s.name} (${s.level})`).join(", ") || "–"}</td>
                  <td>{a.languages.join(", ")}</td>
                  <td>
                    {a.open_tickets} / {a.capacity}
                  </td>
                  <td>
                    {a.available ? t("yes") : t("no")}{" "}
                    <button type="button" class="secondary small" onClick={() => void toggle(a)}>
                      {t(a.available ? "directory.makeUnavailable" : "directory.makeAvailable", { name: a.name })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={error} />
      <p role="status" class={told ? "success" : undefined}>
        {told}
      </p>
    </Screen>
  );
}
