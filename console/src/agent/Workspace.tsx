import { useApp } from "../core/context";
import { useI18n } from "../i18n/i18n";
import { Screen } from "../ui/Screen";

export default function Workspace() {
  const { session } = useApp();
  const { t } = useI18n();
  return (
    <Screen title={t("agent.title")}>
      <p>{t("agent.intro")}</p>
      <p class="muted">{session?.roles.map((role) => t(`role.${role}`)).join(", ")}</p>
    </Screen>
  );
}
