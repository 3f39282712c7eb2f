import type { RouteDef } from "../core/router";
import { isStaff } from "../core/session";

// The agent workspace (issue #15, next): its screens are added here, in this folder.
export const agentRoutes: RouteDef[] = [{ path: "/agent", load: () => import("./Workspace"), allow: isStaff }];
