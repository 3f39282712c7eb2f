// Every screen of the console, area by area. A new area (supervisor, admin, ...) is a folder
// with its screens and a routes.ts, added to this list; its code is loaded only when opened.
import { agentRoutes } from "./agent/routes";
import SignIn from "./auth/SignIn";
import type { RouteDef } from "./core/router";
import { helpRoutes } from "./help/routes";
// The supervisor views and administration (issue #15, items 3 and 4).
import { adminRoutes } from "./admin/routes";
import { supervisorRoutes } from "./supervisor/routes";

export const ROUTES: RouteDef[] = [
  // The first screen anyone sees comes with the entry chunk: no second round trip before it.
  { path: "/sign-in", load: () => Promise.resolve({ default: SignIn }), public: true },
  ...helpRoutes,
  ...agentRoutes,
  ...supervisorRoutes,
  ...adminRoutes,
];
