// Hash routing (#/help, #/tickets/T-000042): the server only ever serves /, /index.html and
// /assets/*, so any screen can be reloaded or linked without server-side routes.
//
// Each area registers its routes (src/<area>/routes.ts) with a lazily imported screen, so a
// customer's help center never downloads the agent workspace and a new area is one folder.

import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Session } from "./session";

export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface RouteDef {
  path: string; // "/tickets/:id"
  load: () => Promise<{ default: ComponentType<ScreenProps> }>;
  allow?: (session: Session | null) => boolean; // who may see it; the API still decides
  public?: boolean; // shown without signing in
}

export interface Match {
  route: RouteDef;
  params: Record<string, string>;
  query: URLSearchParams;
}

export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, "");
  return hash.startsWith("/") ? hash : "/";
}

export function match(routes: RouteDef[], location: string): Match | null {
  const [path = "/", search = ""] = location.split("?");
  const parts = path.split("/").filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((segment, index) => {
      const part = decodeURIComponent(parts[index] ?? "");
      if (segment.startsWith(":")) {
        params[segment.slice(1)] = part;
        return true;
      }
      return segment === part;
    });
    if (fits) return { route, params, query: new URLSearchParams(search) };
  }
  return null;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function href(path: string): string {
  return `#${path}`;
}

/** The current hash path, re-rendering on every change. */
export function useLocation(): string {
  const [location, setLocation] = useState(currentPath());
  useEffect(() => {
    const changed = () => setLocation(currentPath());
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  return location;
}
