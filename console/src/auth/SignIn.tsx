import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { homeFor } from "../core/home";
import { navigate } from "../core/router";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import { listDemoUsers, signInLocally, type DemoUser } from "./local";
import { startSignIn } from "./pkce";

export default function SignIn() {
  const { config } = useApp();
  const { t } = useI18n();
  return <Screen title={t("signIn.title")}>{config.auth === "local" ? <LocalSignIn /> : <CognitoSignIn />}</Screen>;
}

function CognitoSignIn() {
  const { config } = useApp();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const go = (audience: "staff" | "customers") => startSignIn(config, audience).catch(setError);
  return (
    <>
      <p>{t("signIn.cognitoIntro")}</p>
      <ErrorMessage error={error} />
      <div class="stack">
        <button type="button" onClick={() => void go("customers")}>
          {t("signIn.customerButton")}
        </button>
        <button type="button" class="secondary" onClick={() => void go("staff")}>
          {t("signIn.staffButton")}
        </button>
      </div>
    </>
  );
}

function LocalSignIn() {
  const { api, setSession } = useApp();
  const { t } = useI18n();
  const users = useAsync(() => listDemoUsers(api), []);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const signIn = async (user: DemoUser) => {
    setBusy(true);
    setError(undefined);
    try {
      const session = await signInLocally(api, user.id);
      setSession(session);
      navigate(homeFor(session));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const list = users.data?.users ?? [];
  const group = (customers: boolean) => list.filter((user) => (user.role === "customer") === customers);
  return (
    <>
      <p>{t("signIn.localIntro")}</p>
      <ErrorMessage error={users.error ?? error} />
      {busy && <p role="status">{t("signIn.working")}</p>}
      {[true, false].map((customers) => (
        <section key={String(customers)} aria-labelledby={`users-${customers}`}>
          <h2 id={`users-${customers}`}>{customers ? t("signIn.customers") : t("signIn.staff")}</h2>
          <ul class="users">
            {group(customers).map((user) => (
              <li key={user.id}>
                <button type="button" class="user" disabled={busy} onClick={() => void signIn(user)}>
                  <span class="user-name">{t("signIn.as", { name: user.name })}</span>
                  <span class="user-role">
                    {t(`role.${user.role}`)}
                    {user.detail ? ` · ${user.detail}` : ""}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {/* Below the lists, so nothing above moves when they fill in. */}
      {users.loading && <Loading />}
    </>
  );
}
