import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "./core/context";
import { homeFor } from "./core/home";
import { href, match, navigate, useLocation, type ScreenProps } from "./core/router";
import { LANGUAGES, LANGUAGE_NAMES } from "./i18n/catalog";
import { isLanguage, useI18n } from "./i18n/i18n";
import { ROUTES } from "./routes";
import { isManager } from "./supervisor/routes";
import { ErrorMessage } from "./ui/ErrorMessage";
import { Loading, Screen } from "./ui/Screen";

export function App() {
  const location = useLocation();
  return (
    <>
      <a class="skip" href="#main" onClick={skipToMain}>
        <SkipText />
      </a>
      <Header location={location} />
      <main id="main" tabIndex={-1}>
        <Outlet location={location} />
      </main>
    </>
  );
}

function SkipText() {
  return <>{useI18n().t("app.skip")}</>;
}

// The skip link moves the focus without touching the hash the router reads.
function skipToMain(event: Event) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}

function Header({ location }: { location: string }) {
  const { session, signOut } = useApp();
  const { t, language, setLanguage } = useI18n();
  const links: [string, string][] = [];
  if (session?.audience === "customers") {
    links.push(["/help", t("nav.help")], ["/tickets", t("nav.tickets")], ["/tickets/new", t("nav.newTicket")], ["/callback", t("nav.callback")], ["/chat", t("nav.chat")]);
  } else if (session) {
    links.push(["/agent", t("nav.agent")]);
    // The supervisor views and administration, for the roles the API lets in.
    if (isManager(session)) links.push(["/supervisor", t("nav.supervisor")], ["/supervisor/reports", t("nav.reports")]);
    if (isManager(session)) links.push(["/admin", t("nav.admin")]);
  }
  const path = location.split("?")[0];
  return (
    <header class="top">
      <div class="top-row">
        <a class="brand" href={href(homeFor(session))}>
          {t("app.name")}
        </a>
        <div class="top-tools">
          <label class="language">
            <span>{t("app.language")}</span>
            <select value={language} onChange={(e) => isLanguage(e.currentTarget.value) && setLanguage(e.currentTarget.value)}>
              {LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANGUAGE_NAMES[code]}
                </option>
              ))}
            </select>
          </label>
          {session && (
            <button type="button" class="link" onClick={signOut}>
              {t("app.signOut")}
            </button>
          )}
        </div>
      </div>
      {session && (
        <p class="who">{t("app.signedInAs", { name: session.username })}</p>
      )}
      {links.length > 0 && (
        <nav aria-label={t("app.nav")}>
          <ul>
            {links.map(([to, label]) => (
              <li key={to}>
                <a href={href(to)} aria-current={path === to ? "page" : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

const loaded = new Map<string, ComponentType<ScreenProps>>();

function Outlet({ location }: { location: string }) {
  const { session } = useApp();
  const { t } = useI18n();
  const found = match(ROUTES, location);
  const [, setTick] = useState(0);
  const [error, setError] = useState<unknown>();
  const needsSignIn = !!found && !found.route.public && !session;

  useEffect(() => {
    if (location === "/" || location === "") navigate(homeFor(session));
    else if (needsSignIn) navigate("/sign-in");
  }, [location, needsSignIn, session]);

  useEffect(() => {
    if (!found || loaded.has(found.route.path)) return;
    let live = true;
    found.route
      .load()
      .then((module) => {
        loaded.set(found.route.path, module.default);
        if (live) setTick((n) => n + 1);
      })
      .catch((caught: unknown) => live && setError(caught));
    return () => {
      live = false;
    };
  }, [found?.route.path]);

  if (location === "/" || needsSignIn) return <Loading />;
  if (!found) {
    return (
      <Screen title={t("app.notFound")}>
        <a href={href(homeFor(session))}>{t("app.home")}</a>
      </Screen>
    );
  }
  if (found.route.allow && !found.route.allow(session)) {
    return (
      <Screen title={t("app.notFound")}>
        <p>{session?.audience === "customers" ? t("agent.customerOnly") : t("agent.staffOnly")}</p>
        <a href={href(homeFor(session))}>{t("app.home")}</a>
      </Screen>
    );
  }
  if (error) return <ErrorMessage error={error} />;
  const Component = loaded.get(found.route.path);
  if (!Component) return <Loading />;
  // Keyed by the location, so a new screen (or the same one with other parameters) starts fresh.
  return <Component key={location} params={found.params} query={found.query} />;
}
