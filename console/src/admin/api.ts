// Administration's API calls (docs/openapi.json; README "The API"): knowledge articles, the
// directory, the SLA configuration. Reading is open to staff; changing to supervisors and admins.
import { ApiProblem, NetworkError, newId, type ApiClient, type Problem } from "../core/api";

export interface Article {
  article_id: string;
  language: string;
  title: string;
  answer: string;
  questions: string[];
  products: string[];
  tags: string[];
  audience: "agents" | "public";
  status: "draft" | "published" | "archived";
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface ArticleFields {
  article_id?: string;
  language: string;
  title: string;
  answer: string;
  questions: string[];
  products: string[];
  tags: string[];
  audience: "agents" | "public";
}

export interface ArticleVersion {
  version: number;
  saved_at: string;
  saved_by: string;
  article: { status?: string; title?: string };
}

const path = (id: string) => `/knowledge/articles/${encodeURIComponent(id)}`;

export const articles = (api: ApiClient, status?: string, language?: string) =>
  api.get<{ items: Article[]; next_cursor: string | null }>("/knowledge/articles", { query: { status, language, limit: 100 } });

export const article = (api: ApiClient, id: string) => api.get<Article>(path(id));

export const createArticle = (api: ApiClient, fields: ArticleFields) =>
  api.post<Article>("/knowledge/articles", { ...fields, status: "draft" });

/** A new version; If-Match with the version read refuses a stale edit (412). */
export const replaceArticle = (api: ApiClient, id: string, version: number, fields: ArticleFields, status: string) =>
  api.request<Article>("PUT", path(id), { body: { ...fields, status }, headers: { "If-Match": `"${version}"` } });

export const publishArticle = (api: ApiClient, id: string) => api.post<Article>(`${path(id)}/publish`, {});
export const archiveArticle = (api: ApiClient, id: string) => api.post<Article>(`${path(id)}/archive`, {});

export const versions = (api: ApiClient, id: string) =>
  api.get<{ versions: ArticleVersion[] }>(`${path(id)}/versions`, { query: { limit: 20 } });

export const feedback = (api: ApiClient, id: string) =>
  api.get<{ helpful: number; unhelpful: number }>(`${path(id)}/feedback`);

export interface Department {
  department_id: string;
  name: string;
  categories: string[];
  products: string[];
  default: boolean;
  revision: number;
}

export interface Agent {
  agent_id: string;
  name: string;
  department_id: string;
  skills: { name: string; level: number }[];
  languages: string[];
  capacity: number;
  available: boolean;
  open_tickets: number;
  revision: number;
}

const ifMatch = (revision: number) => ({ "If-Match": `"${revision}"` });
const agentPath = (id: string) => `/agents/${encodeURIComponent(id)}`;
const departmentPath = (id: string) => `/departments/${encodeURIComponent(id)}`;

/** An agent's availability for new tickets; If-Match with the revision read (412 when stale). */
export const setAvailable = (api: ApiClient, agent: Agent, available: boolean) =>
  api.request<Agent>("PATCH", agentPath(agent.agent_id), { body: { available }, headers: ifMatch(agent.revision) });

export type AgentFields = Pick<Agent, "name" | "department_id" | "skills" | "languages" | "capacity">;
export type DepartmentFields = Pick<Department, "name" | "categories" | "products">;

export const agent = (api: ApiClient, id: string) => api.get<Agent>(agentPath(id));
export const createAgent = (api: ApiClient, id: string, fields: AgentFields) => api.post<Agent>("/agents", { agent_id: id, ...fields });
/** A change; If-Match with the revision read refuses an edit over someone else's (412). */
export const changeAgent = (api: ApiClient, id: string, revision: number, fields: AgentFields) =>
  api.request<Agent>("PATCH", agentPath(id), { body: fields, headers: ifMatch(revision) });

export const department = (api: ApiClient, id: string) => api.get<Department>(departmentPath(id));
export const createDepartment = (api: ApiClient, id: string, fields: DepartmentFields) =>
  api.post<Department>("/departments", { department_id: id, ...fields });
export const changeDepartment = (api: ApiClient, id: string, revision: number, fields: DepartmentFields) =>
  api.request<Department>("PATCH", departmentPath(id), { body: fields, headers: ifMatch(revision) });

export const departments = (api: ApiClient) => api.get<{ items: Department[] }>("/departments", { query: { limit: 100 } });
export const agents = (api: ApiClient) => api.get<{ items: Agent[] }>("/agents", { query: { limit: 100 } });

export interface ConfigItem {
  config_id: string;
  definition: Record<string, unknown>;
  revision: number;
  updated_by: string;
  updated_at: string;
}

export const SLA_KINDS = ["calendars", "sla-policies", "escalation-rules"] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

export const slaConfig = (api: ApiClient, kind: SlaKind) =>
  api.get<{ items: ConfigItem[] }>(`/${kind}`, { query: { limit: 100 } });

/** Create or replace a calendar, policy or rule: the definition is the body (the API checks it). */
export const putSlaConfig = (api: ApiClient, kind: SlaKind, id: string, definition: unknown) =>
  api.request<ConfigItem>("PUT", `/${kind}/${encodeURIComponent(id)}`, { body: definition });

// The do-not-call list: the API keeps it by number (no list route), so the console looks a
// number up, adds it with a reason, or removes it (supervisors and admins).
export interface DoNotCall {
  number: string;
  reason: string;
  added_by: string;
  added_at: string;
}

const dnc = (number: string) => `/do-not-call/${encodeURIComponent(number)}`;
export const lookUpNumber = (api: ApiClient, number: string) => api.get<DoNotCall>(dnc(number));
export const listNumber = (api: ApiClient, number: string, reason: string) =>
  api.request<DoNotCall>("PUT", dnc(number), { body: { reason } });
export const unlistNumber = (api: ApiClient, number: string) => api.request<void>("DELETE", dnc(number));

export interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  errors: { line: number; message: string }[];
}

/** POST /knowledge/import: the body is the JSON Lines file itself, not JSON. */
export async function importArticles(base: string, token: string | null, lines: string): Promise<ImportReport> {
  let response: Response;
  try {
    response = await fetch(`${base}/knowledge/import`, {
      method: "POST",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-ndjson",
        "Idempotency-Key": newId(),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: lines,
    });
  } catch (error) {
    throw new NetworkError(String(error));
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const fallback: Problem = { type: "about:blank", title: response.statusText || `HTTP ${response.status}`, status: response.status };
    throw new ApiProblem(data && typeof data === "object" && "title" in data ? { ...fallback, ...(data as Partial<Problem>) } : fallback);
  }
  return data as ImportReport;
}
