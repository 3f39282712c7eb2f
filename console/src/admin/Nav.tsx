import { useAreaI18n } from "../i18n/area";
import { SubNav } from "../ui/SubNav";
import { MESSAGES } from "./messages";

export function AdminNav({ current }: { current: string }) {
  const t = useAreaI18n(MESSAGES);
  const links: [string, string][] = [
    ["/admin", t("articles.title")],
    ["/admin/directory", t("directory.title")],
    ["/admin/sla", t("sla.title")],
    ["/admin/do-not-call", t("dnc.title")],
  ];
  return <SubNav label={t("nav.label")} links={links} current={current} />;
}
