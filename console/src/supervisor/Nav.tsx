import { useAreaI18n } from "../i18n/area";
import { SubNav } from "../ui/SubNav";
import { MESSAGES } from "./messages";

/** The supervisor area's own links (the header names the area). */
export function SupervisorNav({ current }: { current: string }) {
  const t = useAreaI18n(MESSAGES);
  const links: [string, string][] = [
    ["/supervisor", t("live.title")],
    ["/supervisor/alerts", t("rules.title")],
    ["/supervisor/reports", t("reports.title")],
  ];
  return <SubNav label={t("nav.label")} links={links} current={current} />;
}
