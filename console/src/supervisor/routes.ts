import type { RouteDef } from "../core/router";
import type { Session } from "../core/session";

/** Supervisors and administrators (the monitor's and the reports' roles; the API decides). */
export const isManager = (session: Session | null): boolean =>
  !!session && session.audience === "staff" && session.roles.some((role) => role === "supervisor" || role === "admin");

export const supervisorRoutes: RouteDef[] = [
  { path: "/supervisor", load: () => import("./Live"), allow: isManager },
  { path: "/supervisor/alerts", load: () => import("./Rules"), allow: isManager },
  { path: "/supervisor/reports", load: () => import("./Reports"), allow: isManager },
];
