// The API calls of the help center, with the fields it uses (docs/openapi.json has them all).
// Every route here is one the customer scope may call (README, "The API").

import type { ApiClient } from "../core/api";
import type { Language } from "../i18n/catalog";

export interface Hit {
  article_id: string;
  title: string;
  language: string;
  score: number;
  highlights: Partial<Record<"title" | "answer" | "question", string[]>>;
}

export interface SearchAnswer {
  query: string;
  language: string;
  language_fallback: boolean;
  corrections: Record<string, string>;
  total: number;
  hits: Hit[];
}

export interface Ticket {
  ticket_id: string;
  type: string;
  status: string;
  subject: string;
  description: string;
  created_at: string;
  updated_at: string;
  customer_id: string;
}

export interface TimelineItem {
  event_id: string;
  kind: string;
  at: string;
  actor: string;
  summary: string;
  visibility: string;
  changes: Record<string, unknown> | null;
  comment: { body?: string; author_type?: string; author?: string } | null;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Callback {
  callback_id: string;
  number: string;
  status: string;
  not_before: string;
  ticket_id: string | null;
}

export const search = (api: ApiClient, q: string, lang: Language) =>
  api.get<SearchAnswer>("/knowledge/search", { query: { q, lang, size: 10 } });

export interface PublicAnswer {
  article_id: string;
  language: string;
  title: string;
  answer: string;
  updated_at: string;
}

export const publicAnswer = (api: ApiClient, id: string) =>
  api.get<PublicAnswer>(`/knowledge/articles/${encodeURIComponent(id)}/answer`);

export const rateAnswer = (api: ApiClient, id: string, helpful: boolean) =>
  api.post(`/knowledge/articles/${encodeURIComponent(id)}/feedback`, { helpful });

export const myTickets = (api: ApiClient, customerId: string) =>
  api.get<Page<Ticket>>("/tickets", { query: { customer: customerId, limit: 50 } });

export const ticket = (api: ApiClient, id: string) => api.get<Ticket>(`/tickets/${encodeURIComponent(id)}`);

export const timeline = (api: ApiClient, id: string) =>
  api.get<Page<TimelineItem>>(`/tickets/${encodeURIComponent(id)}/timeline`, { query: { limit: 100 } });

export const reply = (api: ApiClient, id: string, body: string) =>
  api.post(`/tickets/${encodeURIComponent(id)}/comments`, { body, visibility: "public" });

export const openTicket = (
  api: ApiClient,
  fields: { customer_id: string; type: string; subject: string; description: string; language: Language },
) => api.post<Ticket>("/tickets", { ...fields, channel: "web" });

export const askCallback = (
  api: ApiClient,
  fields: { number: string; customer_id: string; reason: string; language: Language },
) => api.post<Callback>("/callbacks", fields);

export interface ChatContact {
  contact_id: string;
  participant_id: string;
  participant_token: string;
}

/** An Amazon Connect chat for the signed-in customer; its participant token joins it. */
export const startChat = (api: ApiClient, fields: { language: Language }) =>
  api.post<ChatContact>("/chat/contacts", fields);

export interface Attachment {
  attachment_id: string;
  filename: string;
  content_type: string;
  size: number;
  at: string;
  download_url: string;
}

export interface AttachmentUpload {
  attachment_id: string;
  upload: { url: string; fields: Record<string, string> };
}

// What the API accepts (contactcenter/tickets/schemas.py ALLOWED_ATTACHMENT_TYPES) and its limit.
export const ATTACHMENT_TYPES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "text/plain",
  "text/csv",
  "message/rfc822",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const attachments = (api: ApiClient, id: string) =>
  api.get<Page<Attachment>>(`/tickets/${encodeURIComponent(id)}/attachments`, { query: { limit: 50 } });

/** Announce the file (the API checks its type and size), then POST it to S3 with the presigned
 * form: the bytes go straight to the bucket, which refuses another type or a larger file. */
export async function attach(api: ApiClient, id: string, file: File): Promise<string> {
  const announced = await api.post<AttachmentUpload>(`/tickets/${encodeURIComponent(id)}/attachments`, {
    filename: file.name,
    content_type: file.type,
    size: file.size,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(announced.upload.fields)) form.append(name, value);
  form.append("file", file);
  const stored = await fetch(announced.upload.url, { method: "POST", body: form });
  if (!stored.ok) throw new Error(`The file store refused the upload (HTTP ${stored.status}).`);
  return announced.attachment_id;
}
