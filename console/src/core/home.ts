import type { Session } from "./session";

/** Where a person starts: customers in the help center, staff in their workspace. */
export function homeFor(session: Session | null): string {
  if (!session) return "/sign-in";
  return session.audience === "customers" ? "/help" : "/agent";
}
