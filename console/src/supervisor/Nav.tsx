import { href } from "../core/router";
import { useAreaI18n } from "../i18n/area";
import { MESSAGES } from "./messages";

/** The supervisor area's own links (the header names the area). */
export function SupervisorNav({ current }: { current: string }) {
  const t = useAreaI18n(MESSAGES);
  const links: [string, string][] = [
    ["/supervisor", t("live.title")],
    ["/supervisor/alerts", t("rules.title")],
    ["/supervisor/reports", t("reports.title")],
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
