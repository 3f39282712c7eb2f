import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { href, navigate } from "../core/router";
import { useAreaI18n } from "../i18n/area";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Screen } from "../ui/Screen";
import { MESSAGES } from "./messages";

/** Saving a directory record (an agent, a department): the API call, then back to the list,
 * which says what was saved; a refusal (422, 412) stays on the form with the API's words. */
export function useDirectorySave() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const save = async (call: () => Promise<{ name: string }>) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await call();
      navigate(`/admin/directory?saved=${encodeURIComponent(saved.name)}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return { busy, error, save };
}

/** A directory record's screen: its title, the way back to the list, the errors, the form. */
export function DirectoryScreen({ title, error, children }: { title: string; error: unknown; children: ComponentChildren }) {
  const t = useAreaI18n(MESSAGES);
  return (
    <Screen title={title}>
      <p>
        <a href={href("/admin/directory")}>{t("directory.back")}</a>
      </p>
      <ErrorMessage error={error} />
      {children}
    </Screen>
  );
}
