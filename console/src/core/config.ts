// /config.json, read once at start: where the API is and how people sign in. The local API
// serves {"auth": "local", "api": ...}; a deployment serves the Cognito shape (docs/console.md).

export interface CognitoClient {
  domain: string; // the hosted UI's domain, e.g. "auth.example.com" or "https://auth.example.com"
  clientId: string;
  redirectUri: string; // where the hosted UI sends the code back: the console's root URL
  logoutUri?: string;
  scopes?: string[];
}

// The help center's chat: Amazon Connect's Participant Service (in AWS its regional endpoint;
// locally the local API's stand-in at /participant/*). Without it the chat screen says so.
export interface ChatSettings {
  participant: string;
}

export type ConsoleConfig =
  | { auth: "local"; api: string; chat?: ChatSettings }
  | {
      auth: "cognito";
      api: string;
      staff: CognitoClient;
      customers: CognitoClient;
      // Amazon Connect's CCP for the agent workspace (amazon-connect-streams embeds it)
      ccp?: { url: string; region?: string };
      chat?: ChatSettings;
    };

export type Audience = "staff" | "customers";

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`/config.json: ${response.status}`);
  return parseConfig(await response.json());
}

export function parseConfig(raw: unknown): ConsoleConfig {
  const value = raw as Record<string, unknown>;
  const api = typeof value.api === "string" ? value.api.replace(/\/+$/, "") : "";
  const chat = chatSettings(value.chat);
  if (value.auth === "local") return { auth: "local", api, chat };
  if (value.auth === "cognito") {
    const ccp = value.ccp as { url?: unknown; region?: unknown } | undefined;
    return {
      auth: "cognito",
      api,
      staff: client(value.staff, "staff"),
      customers: client(value.customers, "customers"),
      ccp: typeof ccp?.url === "string" && ccp.url ? { url: ccp.url, region: typeof ccp.region === "string" ? ccp.region : undefined } : undefined,
      chat,
    };
  }
  throw new Error("config.json: auth must be local or cognito");
}

function chatSettings(raw: unknown): ChatSettings | undefined {
  const participant = (raw as { participant?: unknown } | undefined)?.participant;
  return typeof participant === "string" && participant ? { participant: participant.replace(/\/+$/, "") } : undefined;
}

function client(raw: unknown, name: string): CognitoClient {
  const value = (raw ?? {}) as Record<string, unknown>;
  for (const field of ["domain", "clientId", "redirectUri"]) {
    if (typeof value[field] !== "string" || !value[field]) throw new Error(`config.json: ${name}.${field} is missing`);
  }
  return value as unknown as CognitoClient;
}
