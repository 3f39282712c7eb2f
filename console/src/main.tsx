import { render } from "preact";
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { App } from "./app";
import { signInAsRequested, signInLocally } from "./auth/local";
import { signOutUrl, completeSignIn } from "./auth/pkce";
import { ApiClient } from "./core/api";
import { loadConfig, type ConsoleConfig } from "./core/config";
import { AppContext } from "./core/context";
import { homeFor } from "./core/home";
import { navigate } from "./core/router";
import { loadSession, saveSession, type Session } from "./core/session";
import type { Language } from "./i18n/catalog";
import { applyLanguage, dateFormatter, I18nContext, initialLanguage, translator } from "./i18n/i18n";
import "./styles.css";

function Root({ config, initial }: { config: ConsoleConfig; initial: Session | null }) {
  const [session, setSessionState] = useState<Session | null>(initial);
  const [language, setLanguageState] = useState<Language>(initialLanguage());
  const setSession = useCallback((next: Session | null) => {
    saveSession(next);
    setSessionState(next);
  }, []);
  const signOut = useCallback(() => {
    const audience = session?.audience ?? "customers";
    setSession(null);
    const url = signOutUrl(config, audience);
    if (url) window.location.assign(url);
    else navigate("/sign-in");
  }, [config, session, setSession]);
  // A token the API refuses (expired, revoked) ends the session: back to sign-in.
  const api = useMemo(
    () => new ApiClient(config.api, () => loadSession()?.token ?? null, () => setSession(null)),
    [config, setSession],
  );
  useEffect(() => applyLanguage(language), [language]);
  const i18n = useMemo(
    () => ({ language, t: translator(language), setLanguage: setLanguageState, formatDate: dateFormatter(language) }),
    [language],
  );
  const app = useMemo(() => ({ config, session, setSession, signOut, api }), [config, session, setSession, signOut, api]);
  return (
    <AppContext.Provider value={app}>
      <I18nContext.Provider value={i18n}>
        <App />
      </I18nContext.Provider>
    </AppContext.Provider>
  );
}

async function start(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  applyLanguage(initialLanguage());
  try {
    const config = await loadConfig();
    let session = loadSession();
    const as = config.auth === "local" ? signInAsRequested() : null;
    if (as) {
      // An unknown id leaves the sign-in page as it is, with its list of demo users.
      const signedIn = await signInLocally(new ApiClient(config.api, () => null), as).catch(() => null);
      if (signedIn) {
        saveSession(signedIn);
        session = signedIn;
        navigate(homeFor(signedIn));
      }
    }
    if (config.auth === "cognito") {
      const returned = await completeSignIn(config);
      if (returned) {
        saveSession(returned);
        session = returned;
        if (!window.location.hash || window.location.hash === "#/sign-in") navigate(homeFor(session));
      }
    }
    render(<Root config={config} initial={session} />, root);
  } catch (error) {
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.textContent = `The console could not start: ${String(error)}`;
    root.replaceChildren(message);
  }
}

void start();
