// /config.json, read once at start: where the API is and how people sign in. The local API
// serves {"auth": "local", "api": ...}; a deployment serves the Cognito shape (docs/console.md).

export interface CognitoClient {
  domain: string; // the hosted UI's domain, e.g. "auth.example.com" or "https://auth.example.com"
  clientId: string;
  redirectUri: string; // where the hosted UI sends the code back: the console's root URL
  logoutUri?: string;
  scopes?: string[];
}

export type ConsoleConfig =
  | { auth: "local"; api: string }
  | {
      auth: "cognito";
      api: string;
      staff: CognitoClient;
      customers: CognitoClient;
      // Amazon Connect's CCP for the agent workspace (amazon-connect-streams embeds it)
      ccp?: { url: string; region?: string };
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
  if (value.auth === "local") return { auth: "local", api };
  if (value.auth === "cognito") {
    return { auth: "cognito", api, staff: client(value.staff, "staff"), customers: client(value.customers, "customers") };
  }
  throw new Error("config.json: auth must be local or cognito");
}

function client(raw: unknown, name: string): CognitoClient {
  const value = (raw ?? {}) as Record<string, unknown>;
  for (const field of ["domain", "clientId", "redirectUri"]) {
    if (typeof value[field] !== "string" || !value[field]) throw new Error(`config.json: ${name}.${field} is missing`);
  }
  return value as unknown as CognitoClient;
}
