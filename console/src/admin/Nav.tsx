import { href } from "../core/router";
import { useAreaI18n } from "../i18n/area";
import { MESSAGES } from "./messages";

export function AdminNav({ current }: { current: string }) {
  const t = useAreaI18n(MESSAGES);
  const links: [string, string][] = [
    ["/admin", t("articles.title")],
    ["/admin/directory", t("directory.title")],
    ["/admin/sla", t("sla.title")],
    ["/admin/do-not-call", t("dnc.title")],
  ];
  return (
    <nav aria-label={t("nav.label")} class="subnav wide">
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <a href={href(to)} aria-current={current === to ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
