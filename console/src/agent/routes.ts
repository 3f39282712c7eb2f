import type { RouteDef } from "../core/router";
import { isStaff } from "../core/session";

// The agent workspace (issue #15): the contact in hand with its screen pop, the tickets inbox
// and a ticket as staff work it. Each screen is a lazily loaded chunk.
export const agentRoutes: RouteDef[] = [
  { path: "/agent", load: () => import("./Workspace"), allow: isStaff },
  { path: "/agent/tickets", load: () => import("./Inbox"), allow: isStaff },
  { path: "/agent/tickets/:id", load: () => import("./TicketDetail"), allow: isStaff },
];
