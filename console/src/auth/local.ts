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

export async function signInLocally(api: ApiClient, user: DemoUser): Promise<Session> {
  const answer = await api.post<{ access_token: string }>("/local/sign-in", { user: user.id }, { idempotent: false });
  return sessionFromToken(answer.access_token, user.name);
}
