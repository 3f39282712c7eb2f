import { href } from "../core/router";

/** An area's own links (the header names the area); ``current`` is the screen's path. */
export function SubNav({ label, links, current }: { label: string; links: [string, string][]; current: string }) {
  return (
    <nav aria-label={label} class="subnav wide">
      <ul>
        {links.map(([to, text]) => (
          <li key={to}>
            <a href={href(to)} aria-current={current === to ? "page" : undefined}>
              {text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
