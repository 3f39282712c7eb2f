// The local cloud's sign-in (localcloud/console.py): its demo users and a token for one of them.
// Never part of a deployment: AWS serves a Cognito config.json and has no /local routes.

import type { ApiClient } from "../core/api";
import { sessionFromToken, type Role, type Session } from "../core/session";

export interface DemoUser {
  id: string;
  name: string;
  role: Role;
  detail?: string;
}

export function listDemoUsers(api: ApiClient): Promise<{ users: DemoUser[] }> {
  return api.get("/local/users");
}

/** A token for the demo user with this id (an id of GET /local/users). */
export async function signInLocally(api: ApiClient, id: string): Promise<Session> {
  const answer = await api.post<{ access_token: string; name: string }>("/local/sign-in", { user: id }, { idempotent: false });
  return sessionFromToken(answer.access_token, answer.name);
}

/** `#/sign-in?as=<demo user id>`: that user, signed in before the console first renders (a link
 * straight into a signed-in screen for the demo and the benchmarks); null without one. */
export function signInAsRequested(): string | null {
  const [path, query] = window.location.hash.slice(1).split("?");
  return path === "/sign-in" ? new URLSearchParams(query ?? "").get("as") : null;
}
