// Amazon Connect's Participant Service, the customer's side of a chat: authorised by the chat's
// own bearer tokens (X-Amz-Bearer), so the browser needs no AWS credentials. The same calls reach
// AWS (participant.connect.<region>.amazonaws.com) and the local cloud (/participant/* of the
// local API). The screen polls GetTranscript rather than holding Connect's WebSocket open.

export interface TranscriptItem {
  Id: string;
  AbsoluteTime: string;
  ParticipantRole?: "CUSTOMER" | "AGENT" | "SYSTEM" | "CUSTOM_BOT" | "SUPERVISOR";
  DisplayName?: string;
  Type: string; // MESSAGE, EVENT, ATTACHMENT, ...
  ContentType: string;
  Content?: string;
}

/** What the Participant Service refused, in its own words (403: the chat is over or unknown). */
export class ChatRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const EVENT = "application/vnd.amazonaws.connect.event.";

export class Participant {
  constructor(private readonly base: string) {}

  private async call<T>(operation: string, token: string, body: unknown): Promise<T> {
    const response = await fetch(`${this.base}/participant/${operation}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Amz-Bearer": token },
      body: JSON.stringify(body),
    });
    const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const message = typeof data.message === "string" ? data.message : typeof data.Message === "string" ? data.Message : "";
      throw new ChatRefused(response.status, message || `HTTP ${response.status}`);
    }
    return data as T;
  }

  /** CreateParticipantConnection: the connection token the other calls take. */
  async connect(participantToken: string): Promise<string> {
    const answer = await this.call<{ ConnectionCredentials: { ConnectionToken: string } }>("connection", participantToken, {
      Type: ["CONNECTION_CREDENTIALS"],
      ConnectParticipant: true,
    });
    return answer.ConnectionCredentials.ConnectionToken;
  }

  send(connection: string, text: string): Promise<{ Id: string }> {
    return this.call("message", connection, { ContentType: "text/plain", Content: text });
  }

  /** The newest items (up to 100), oldest first. */
  async transcript(connection: string): Promise<TranscriptItem[]> {
    const answer = await this.call<{ Transcript: TranscriptItem[] }>("transcript", connection, {
      MaxResults: 100,
      ScanDirection: "BACKWARD",
      SortOrder: "ASCENDING",
    });
    return answer.Transcript ?? [];
  }

  disconnect(connection: string): Promise<unknown> {
    return this.call("disconnect", connection, {});
  }
}

/** ``known`` with ``fresh`` merged in by Id, in time order. */
export function merged(known: TranscriptItem[], fresh: TranscriptItem[]): TranscriptItem[] {
  const byId = new Map(known.map((item) => [item.Id, item]));
  for (const item of fresh) byId.set(item.Id, item);
  return [...byId.values()].sort((a, b) => a.AbsoluteTime.localeCompare(b.AbsoluteTime));
}
