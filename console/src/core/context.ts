import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { ApiClient } from "./api";
import type { ConsoleConfig } from "./config";
import type { Session } from "./session";

export interface AppState {
  config: ConsoleConfig;
  session: Session | null;
  setSession: (session: Session | null) => void;
  signOut: () => void;
  api: ApiClient;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error("useApp outside AppContext");
  return state;
}
