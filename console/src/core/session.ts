// Who is signed in: the access token (kept in sessionStorage, so it ends with the tab) and what
// the console reads from its claims to choose screens. The claims are not verified here: the
// API is the authority and answers 401/403 for a token it does not accept.

export type Role = "agent" | "supervisor" | "admin" | "department" | "customer";

export interface Session {
  token: string;
  expiresAt: number; // ms since the epoch
  roles: Role[];
  username: string;
  customerId?: string;
  department?: string;
  audience: "staff" | "customers";
}

const KEY = "cc.session";
/** The help center's chat keeps its connection token under this prefix and the customer id. */
export const CHAT_STORAGE_PREFIX = "cc.chat.connection.";

export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

export function sessionFromToken(token: string, displayName?: string): Session {
  const claims = claimsOf(token);
  const customerId = typeof claims["custom:customer_id"] === "string" ? claims["custom:customer_id"] : undefined;
  const groups = Array.isArray(claims["cognito:groups"]) ? (claims["cognito:groups"] as string[]) : [];
  const roles = (customerId ? ["customer"] : groups.filter(isStaffRole)) as Role[];
  return {
    token,
    expiresAt: Number(claims.exp ?? 0) * 1000,
    roles,
    username: displayName ?? String(claims.username ?? claims.sub ?? ""),
    customerId,
    department: typeof claims["custom:department"] === "string" ? claims["custom:department"] : undefined,
    audience: customerId ? "customers" : "staff",
  };
}

function isStaffRole(group: string): boolean {
  return ["agent", "supervisor", "admin", "department"].includes(group);
}

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  return session.expiresAt > Date.now() + 30_000 ? session : null;
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else {
    sessionStorage.removeItem(KEY);
    // What the signed-in person left in the tab goes with them: their chat's connection token.
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(CHAT_STORAGE_PREFIX)) sessionStorage.removeItem(key);
  }
}

export const isStaff = (session: Session | null): boolean => !!session && session.audience === "staff";
export const isCustomer = (session: Session | null): boolean => !!session && session.audience === "customers";
