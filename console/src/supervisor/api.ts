// The supervisor views' API calls, with the fields they use (docs/openapi.json has them all;
// docs/monitor.md and docs/reports.md say what they mean). Supervisors and admins only: the API
// answers 403 to anyone else, and the screens show that answer as it is worded.

import type { ApiClient } from "../core/api";
import { ApiProblem, NetworkError, type Problem } from "../core/api";
import type { Language } from "../i18n/catalog";

export interface QueueNow {
  queue: string;
  name: string;
  contacts_waiting: number;
  oldest_wait_seconds: number;
  agents_online: number;
  agents_available: number;
  agents_on_contact: number;
  agents_after_contact_work: number;
  agents_on_break: number;
  handled_today: number;
  abandoned_today: number;
  service_level_today_pct: number | null;
}

export interface AgentNow {
  agent_id: string;
  username: string;
  state: string;
  state_since: string | null;
  routing_profile: string | null;
  contact_id: string | null;
  contact_channel: string | null;
  contact_queue: string | null;
  handled_today: number;
}

export interface Snapshot {
  taken_at: string;
  queues: QueueNow[];
  agents: AgentNow[];
}

export interface LiveAlert {
  type: "alert";
  state: "raised" | "cleared";
  queue: string;
  metric: string;
  value: number;
  threshold: number;
  clear: number;
  language: string;
  title: string;
  body: string;
}

export interface LiveTicket {
  url: string;
  ticket: string;
  expires_in: number;
  language: string;
}

export const METRICS = [
  "contacts_waiting",
  "oldest_wait_seconds",
  "abandoned_today",
  "agents_available",
  "service_level_today_pct",
] as const;
export type Metric = (typeof METRICS)[number];

export interface AlertRule {
  queue: string;
  metric: string;
  raise_at: number;
  clear_at: number;
  language: string;
  enabled: boolean;
  raised: boolean;
  raised_at: string | null;
  cleared_at: string | null;
  last_value: number | null;
  updated_at: string;
  version: number;
}

export const liveTicket = (api: ApiClient, language: Language) =>
  api.post<LiveTicket>("/monitor/live-tickets", { language });

export async function snapshotNow(api: ApiClient): Promise<Snapshot> {
  const [queues, agents] = await Promise.all([
    api.get<{ taken_at: string; queues: QueueNow[] }>("/monitor/queues"),
    api.get<{ taken_at: string; agents: AgentNow[] }>("/monitor/agents"),
  ]);
  return { taken_at: queues.taken_at, queues: queues.queues, agents: agents.agents };
}

/** A supervisor's action in Connect: an agent's status (audited; an unknown name is a 422
 * listing the instance's statuses). */
export const setAgentStatus = (api: ApiClient, agentId: string, status: string) =>
  api.request<void>("PUT", `/monitor/agents/${encodeURIComponent(agentId)}/status`, { body: { status } });

export const alertRules = (api: ApiClient) => api.get<{ items: AlertRule[] }>("/monitor/alert-rules");

export const saveRule = (
  api: ApiClient,
  queue: string,
  metric: string,
  rule: { raise_at: number; clear_at: number; language: string; enabled: boolean },
) => api.request<AlertRule>("PUT", `/monitor/alert-rules/${encodeURIComponent(queue)}/${encodeURIComponent(metric)}`, { body: rule });

export const deleteRule = (api: ApiClient, queue: string, metric: string) =>
  api.request<void>("DELETE", `/monitor/alert-rules/${encodeURIComponent(queue)}/${encodeURIComponent(metric)}`);

// Reports (docs/reports.md).

export interface ReportInfo {
  name: string;
  title: string;
  definition: string;
  chart: "bar" | "line" | "pie" | "none";
  chart_category: string | null;
  chart_values: string[];
  filters: Record<string, string[] | null>;
  interval: boolean;
  required: string[];
  detail: boolean;
}

export type Cell = string | number | boolean | null;

export interface ReportResult {
  name: string;
  title: string;
  definition: string;
  start: string;
  end: string;
  interval: string | null;
  columns: string[];
  rows: Record<string, Cell>[];
  next_cursor?: string | null;
}

export interface ReportQuery {
  from: string;
  to: string;
  interval?: string;
  lang: Language;
  filters?: Record<string, string>; // name -> value, sent as filter=name:value (one each)
}

/** The report's path with its filters (repeated `filter` parameters) and the rest of the query. */
function reportPath(name: string, query: ReportQuery): [string, Record<string, string | undefined>] {
  const filters = new URLSearchParams();
  for (const [key, value] of Object.entries(query.filters ?? {})) if (value) filters.append("filter", `${key}:${value}`);
  const { filters: _, ...rest } = query;
  const search = filters.toString();
  return [`/reports/${encodeURIComponent(name)}${search ? `?${search}` : ""}`, rest];
}

export const reports = (api: ApiClient) => api.get<{ items: ReportInfo[] }>("/reports");

export function runReport(api: ApiClient, name: string, query: ReportQuery) {
  const [path, rest] = reportPath(name, query);
  return api.get<ReportResult>(path, { query: rest });
}

export const DOWNLOADS = {
  csv: { accept: "text/csv", extension: "csv" },
  xlsx: { accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
} as const;
export type DownloadFormat = keyof typeof DOWNLOADS;

/** A report as a file in the API's own format (CSV, or the workbook with its native chart). */
export async function downloadReport(
  base: string,
  token: string | null,
  name: string,
  query: ReportQuery,
  format: DownloadFormat,
): Promise<Blob> {
  const [path, rest] = reportPath(name, query);
  const url = new URL(`${base}${path}`, window.location.origin);
  for (const [key, value] of Object.entries(rest)) if (value) url.searchParams.set(key, value);
  url.searchParams.set("format", format);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: DOWNLOADS[format].accept, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    });
  } catch (error) {
    throw new NetworkError(String(error));
  }
  if (!response.ok) {
    const text = await response.text();
    let problem: unknown;
    try {
      problem = JSON.parse(text);
    } catch {
      problem = undefined;
    }
    const fallback: Problem = { type: "about:blank", title: response.statusText || `HTTP ${response.status}`, status: response.status };
    throw new ApiProblem(problem && typeof problem === "object" && "title" in problem ? { ...fallback, ...(problem as Partial<Problem>) } : fallback);
  }
  return response.blob();
}

// SLA: open tickets at risk of breaching their SLA, and breached (GET /tickets?sla=).

export interface SlaTicket {
  ticket_id: string;
  subject: string;
  status: string;
  priority: string;
  department: string | null;
  resolution_due_at: string | null;
  sla: { policy_id: string | null; state: string | null };
}

export const slaTickets = (api: ApiClient, sla: "at_risk" | "breached") =>
  api.get<{ items: SlaTicket[]; next_cursor: string | null }>("/tickets", { query: { sla, limit: 50 } });
