import type { RouteDef } from "../core/router";
import { isManager } from "../supervisor/routes";

// Administration: the knowledge base, the directory (departments and agents) and the SLA
// configuration. The API lets supervisors and admins change these; it stays the authority.
export const adminRoutes: RouteDef[] = [
  { path: "/admin", load: () => import("./Articles"), allow: isManager },
  { path: "/admin/articles/new", load: () => import("./ArticleEdit"), allow: isManager },
  { path: "/admin/articles/:id", load: () => import("./ArticleEdit"), allow: isManager },
  { path: "/admin/directory", load: () => import("./Directory"), allow: isManager },
  { path: "/admin/agents/new", load: () => import("./AgentEdit"), allow: isManager },
  { path: "/admin/agents/:id", load: () => import("./AgentEdit"), allow: isManager },
  { path: "/admin/departments/new", load: () => import("./DepartmentEdit"), allow: isManager },
  { path: "/admin/departments/:id", load: () => import("./DepartmentEdit"), allow: isManager },
  { path: "/admin/sla", load: () => import("./Sla"), allow: isManager },
  { path: "/admin/do-not-call", load: () => import("./DoNotCall"), allow: isManager },
];
