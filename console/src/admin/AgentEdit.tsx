import { useEffect, useState } from "preact/hooks";
import { useApp } from "../core/context";
import type { ScreenProps } from "../core/router";
import { LANGUAGES, LANGUAGE_NAMES } from "../i18n/catalog";
import { useAreaI18n } from "../i18n/area";
import { Loading } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { agent, changeAgent, createAgent, departments, type Agent, type AgentFields } from "./api";
import { DirectoryScreen, useDirectorySave } from "./DirectoryForm";
import { MESSAGES } from "./messages";

const SKILL = /^([a-z0-9][a-z0-9_-]{0,63})\s*:\s*([1-5])$/;

/** "billing:4, router:2" <-> the API's skills with levels; null: a part that is not name:level. */
export function parseSkills(text: string): AgentFields["skills"] | null {
  const parts = text.split(",").map((part) => part.trim()).filter(Boolean);
  const skills: AgentFields["skills"] = [];
  for (const part of parts) {
    const match = SKILL.exec(part);
    if (!match?.[1] || !match[2]) return null;
    skills.push({ name: match[1], level: Number(match[2]) });
  }
  return skills;
}

const skillsText = (a: Agent) => a.skills.map((s) => `${s.name}:${s.level}`).join(", ");

/** An agent's directory record: new (#/admin/agents/new) or changed (#/admin/agents/:id). */
export default function AgentEdit({ params }: ScreenProps) {
  const { api } = useApp();
  const t = useAreaI18n(MESSAGES);
  const editId = params.id ?? "";
  const isNew = !editId;
  const existing = useAsync(() => (isNew ? Promise.resolve(undefined) : agent(api, editId)), [editId]);
  const depts = useAsync(() => departments(api), []);
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [department, setDepartment] = useState("");
  const [skills, setSkills] = useState("");
  const [languages, setLanguages] = useState<string[]>([]);
  const [capacity, setCapacity] = useState(10);
  const { busy, error, save: saveWith } = useDirectorySave();

  useEffect(() => {
    const a = existing.data;
    if (!a) return;
    setName(a.name);
    setDepartment(a.department_id);
    setSkills(skillsText(a));
    setLanguages(a.languages);
    setCapacity(a.capacity);
  }, [existing.data]);
  useEffect(() => {
    const first = depts.data?.items[0];
    if (!department && first) setDepartment(first.department_id);
  }, [depts.data]);

  const parsed = parseSkills(skills);
  const save = async (event: Event) => {
    event.preventDefault();
    if (!parsed) return;
    const fields: AgentFields = { name: name.trim(), department_id: department, skills: parsed, languages, capacity };
    const known = existing.data;
    await saveWith(() => (known ? changeAgent(api, known.agent_id, known.revision, fields) : createAgent(api, id.trim(), fields)));
  };

  if (existing.loading) return <Loading />;
  return (
    <DirectoryScreen title={isNew ? t("agent.new") : t("agent.edit", { name: existing.data?.name ?? editId })} error={existing.error ?? depts.error ?? error}>
      <form class="form" onSubmit={save}>
        {isNew && (
          <>
            <label for="agent-id">{t("agent.id")}</label>
            <input id="agent-id" required pattern="[A-Za-z0-9._@+\-]{1,128}" aria-describedby="agent-id-hint" value={id} onInput={(e) => setId(e.currentTarget.value)} />
            <p id="agent-id-hint" class="muted">
              {t("agent.idHint")}
            </p>
          </>
        )}
        <label for="agent-name">{t("directory.name")}</label>
        <input id="agent-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="agent-department">{t("directory.department")}</label>
        <select id="agent-department" value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
          {depts.data?.items.map((d) => (
            <option key={d.department_id} value={d.department_id}>
              {d.name}
            </option>
          ))}
        </select>
        <label for="agent-skills">{t("directory.skills")}</label>
        <input
          id="agent-skills"
          value={skills}
          aria-describedby="agent-skills-hint"
          aria-invalid={parsed ? undefined : "true"}
          onInput={(e) => setSkills(e.currentTarget.value)}
        />
        <p id="agent-skills-hint" class={parsed ? "muted" : "alert-title"}>
          {parsed ? t("agent.skillsHint") : t("agent.skillsInvalid")}
        </p>
        <fieldset>
          <legend>{t("directory.languages")}</legend>
          {LANGUAGES.map((language) => (
            <label key={language} class="choice">
              <input
                type="checkbox"
                checked={languages.includes(language)}
                onChange={(e) =>
                  setLanguages(e.currentTarget.checked ? [...languages, language] : languages.filter((l) => l !== language))
                }
              />{" "}
              {LANGUAGE_NAMES[language]}
            </label>
          ))}
        </fieldset>
        <label for="agent-capacity">{t("agent.capacity")}</label>
        <input id="agent-capacity" type="number" min={0} max={500} required value={capacity} onInput={(e) => setCapacity(Number(e.currentTarget.value))} />
        <button type="submit" disabled={busy || !parsed}>
          {t("agent.save")}
        </button>
      </form>
    </DirectoryScreen>
  );
}
