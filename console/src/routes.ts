// Every screen of the console, area by area. A new area (supervisor, admin, ...) is a folder
// with its screens and a routes.ts, added to this list; its code is loaded only when opened.
import { agentRoutes } from "./agent/routes";
import type { RouteDef } from "./core/router";
import { helpRoutes } from "./help/routes";

export const ROUTES: RouteDef[] = [
  { path: "/sign-in", load: () => import("./auth/SignIn"), public: true },
  ...helpRoutes,
  ...agentRoutes,
];
