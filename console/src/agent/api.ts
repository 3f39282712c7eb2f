// The agent workspace's API calls, with the fields it uses (docs/openapi.json has them all).
// Every route here is one the staff scope (contactcenter/api) may call (README, "The API"),
// except /local/ccp/*, the local cloud's stand-in for the CCP's agent actions.

import type { ApiClient } from "../core/api";
import { claimsOf, type Session } from "../core/session";
import type { Page, TimelineItem } from "../help/api";
import type { TranscriptItem } from "../help/chat/participant";
import type { Language } from "../i18n/catalog";

export type { Page, TimelineItem };

export interface ContactNow {
  contact_id: string;
  channel: string;
  state: string; // CONNECTING, CONNECTED, CONNECTED_ONHOLD, ENDED (after-contact work), ...
  initiation: string;
  queue: string;
  state_since: string | null;
  connected_at: string | null;
  attributes: Record<string, string>;
}

export interface AgentContact {
  user_id: string | null;
  status: string | null;
  contact: ContactNow | null;
}

export const agentContact = (api: ApiClient) => api.get<AgentContact>("/agent/contact");

export type CcpAction = "accept" | "hold" | "resume" | "end" | "wrap-up" | "status";

/** The local CCP (the local cloud only): the agent's actions on the local contact center. */
export const ccp = (api: ApiClient, action: CcpAction, body: Record<string, string> = {}) =>
  api.post(`/local/ccp/${action}`, body, { idempotent: false });

/** The local CCP's chat (the local cloud only; Amazon Connect's CCP shows chats in AWS). */
export const localChat = (api: ApiClient) =>
  api.post<{ transcript: TranscriptItem[] }>("/local/ccp/chat", {}, { idempotent: false });

export const sendLocalChat = (api: ApiClient, text: string) => api.post("/local/ccp/chat-send", { text }, { idempotent: false });

export interface Customer {
  customer_id: string;
  name: string;
  company: string | null;
  email: string | null;
  phones: string[];
  account_number: string | null;
  tier: string | null;
  products: string[];
  language: string | null;
}

export interface HistoryItem {
  kind: string;
  reference: string;
  at: string;
  channel: string | null;
  summary: string;
}

export const customer = (api: ApiClient, id: string) => api.get<Customer>(`/customers/${encodeURIComponent(id)}`);

export const history = (api: ApiClient, id: string) =>
  api.get<Page<HistoryItem>>(`/customers/${encodeURIComponent(id)}/history`, { query: { limit: 10 } });

export interface AgentTicket {
  ticket_id: string;
  type: string;
  status: string;
  priority: string;
  channel: string;
  subject: string;
  description: string;
  customer_id: string | null;
  department: string | null;
  assignee_id: string | null;
  resolution_due_at: string | null;
  created_at: string;
  updated_at: string;
  sla: { state: string | null } | null;
  workflow: { state: string | null } | null;
  version: number;
}

export interface TicketFilter {
  assignee?: string;
  department?: string;
  customer?: string;
  sla?: "at_risk" | "breached";
  status?: string;
  cursor?: string; // next_cursor of the page before
}

export const tickets = (api: ApiClient, filter: TicketFilter) =>
  api.get<Page<AgentTicket>>("/tickets", { query: { ...filter, limit: 50 } });

export const ticket = (api: ApiClient, id: string) => api.get<AgentTicket>(`/tickets/${encodeURIComponent(id)}`);

export const timeline = (api: ApiClient, id: string) =>
  api.get<Page<TimelineItem>>(`/tickets/${encodeURIComponent(id)}/timeline`, { query: { limit: 100 } });

export const comment = (api: ApiClient, id: string, body: string, visibility: "public" | "internal") =>
  api.post(`/tickets/${encodeURIComponent(id)}/comments`, { body, visibility });

const ifMatch = (version: number) => ({ "If-Match": `"${version}"` });

export const transition = (api: ApiClient, current: AgentTicket, to: string, extra: Record<string, string> = {}) =>
  api.post<AgentTicket>(`/tickets/${encodeURIComponent(current.ticket_id)}/transitions`, { to, ...extra }, {
    headers: ifMatch(current.version),
  });

export const assign = (
  api: ApiClient,
  current: AgentTicket,
  body: { mode: "manual" | "auto"; agent_id?: string; department?: string },
) =>
  api.post<AgentTicket>(`/tickets/${encodeURIComponent(current.ticket_id)}/assignment`, body, {
    headers: ifMatch(current.version),
  });

export const merge = (api: ApiClient, current: AgentTicket, into: string) =>
  api.post<AgentTicket>(`/tickets/${encodeURIComponent(current.ticket_id)}/merge`, { into }, {
    headers: ifMatch(current.version),
  });

export const resolve = (api: ApiClient, id: string, resolution: string) =>
  api.post(`/tickets/${encodeURIComponent(id)}/resolution`, { resolution });

export const openTicket = (
  api: ApiClient,
  fields: { customer_id: string; type: string; subject: string; description: string; language?: Language },
) => api.post<AgentTicket>("/tickets", { ...fields, channel: "phone" });

export interface Hit {
  article_id: string;
  title: string;
  language: string;
  highlights: Partial<Record<"title" | "answer" | "question", string[]>>;
}

export const search = (api: ApiClient, q: string, lang: Language) =>
  api.get<{ total: number; hits: Hit[] }>("/knowledge/search", { query: { q, lang, size: 5 } });

export const article = (api: ApiClient, id: string) =>
  api.get<{ article_id: string; title: string; answer: string; language: string }>(
    `/knowledge/articles/${encodeURIComponent(id)}`,
  );

/** The signed-in person's user name (the token's `username` claim: the directory's agent id and
 * the Connect user name); the session's `username` is the name shown, which may be a display name. */
export function agentId(session: Session | null): string {
  if (!session) return "";
  const claim = claimsOf(session.token).username;
  return typeof claim === "string" ? claim : session.username;
}

