// Cognito's hosted UI, authorization code grant with PKCE (RFC 7636, S256): no client secret in
// the browser, and a stolen code is useless without the verifier kept in this tab.

import type { Audience, CognitoClient, ConsoleConfig } from "../core/config";
import { sessionFromToken, type Session } from "../core/session";

const PENDING = "cc.pkce";
const DEFAULT_SCOPES: Record<Audience, string[]> = {
  staff: ["openid", "email", "contactcenter/api"],
  customers: ["openid", "email", "contactcenter/customer"],
};

interface Pending {
  audience: Audience;
  verifier: string;
  state: string;
  returnTo: string;
}

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function origin(domain: string): string {
  return domain.startsWith("https://") ? domain.replace(/\/+$/, "") : `https://${domain}`;
}

function clientFor(config: ConsoleConfig, audience: Audience): CognitoClient {
  if (config.auth !== "cognito") throw new Error("not a Cognito configuration");
  return config[audience];
}

/** Leave for the hosted UI; it comes back to redirectUri with ?code=...&state=... */
export async function startSignIn(config: ConsoleConfig, audience: Audience): Promise<void> {
  const client = clientFor(config, audience);
  const pending: Pending = { audience, verifier: randomString(48), state: randomString(), returnTo: window.location.hash };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(`${origin(client.domain)}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope: (client.scopes ?? DEFAULT_SCOPES[audience]).join(" "),
    state: pending.state,
    code_challenge_method: "S256",
    code_challenge: await challengeFor(pending.verifier),
  }).toString();
  window.location.assign(url.toString());
}

/** On return from the hosted UI: trade the code for tokens (null when this is no such return). */
export async function completeSignIn(config: ConsoleConfig): Promise<Session | null> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get("code");
  const error = params.get("error");
  if (!code && !error) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? "null") as Pending | null;
  sessionStorage.removeItem(PENDING);
  // The code and state leave the address bar (and the history) at once.
  window.history.replaceState(null, "", window.location.pathname + (pending?.returnTo ?? ""));
  if (error) throw new Error(params.get("error_description") ?? error);
  if (!pending || params.get("state") !== pending.state) throw new Error("The sign-in answer does not match this tab (state).");
  const client = clientFor(config, pending.audience);
  const response = await fetch(`${origin(client.domain)}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: client.clientId,
      code: code ?? "",
      redirect_uri: client.redirectUri,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token) throw new Error(body.error ?? `token endpoint: ${response.status}`);
  const session = sessionFromToken(body.access_token);
  return { ...session, audience: pending.audience };
}

/** The hosted UI's logout, which ends its own session too, then back to the console. */
export function signOutUrl(config: ConsoleConfig, audience: Audience): string | null {
  if (config.auth !== "cognito") return null;
  const client = config[audience];
  const url = new URL(`${origin(client.domain)}/logout`);
  url.search = new URLSearchParams({ client_id: client.clientId, logout_uri: client.logoutUri ?? client.redirectUri }).toString();
  return url.toString();
}
