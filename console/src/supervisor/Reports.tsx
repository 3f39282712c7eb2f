import { useState } from "preact/hooks";
import { useApp } from "../core/context";
import { useAreaI18n } from "../i18n/area";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "../ui/ErrorMessage";
import { Loading, Screen } from "../ui/Screen";
import { useAsync } from "../ui/useAsync";
import {
  downloadReport,
  DOWNLOADS,
  reports,
  runReport,
  slaTickets,
  type DownloadFormat,
  type ReportQuery,
  type ReportResult,
  type SlaTicket,
} from "./api";
import { Chart, chartOf } from "./Chart";
import { MESSAGES, type SupervisorKey } from "./messages";
import { SupervisorNav } from "./Nav";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const INTERVALS = ["hour", "day", "week", "month"] as const;
const FILTERS = new Set(["queue", "channel", "flow", "dimension", "ticket_type", "department", "status", "callback_kind", "language", "analysis"]);

/** Reports over a period (docs/reports.md): the table, a chart, CSV and workbook downloads; and
 * the open tickets whose SLA is at risk or breached. */
export default function Reports() {
  const { api, config, session } = useApp();
  const { language, formatDate } = useI18n();
  const t = useAreaI18n(MESSAGES);
  const list = useAsync(() => reports(api), []);
  const [name, setName] = useState("service_level");
  const [from, setFrom] = useState(day(-6));
  const [to, setTo] = useState(day(0));
  const [interval, setPer] = useState("day");
  const [result, setResult] = useState<ReportResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [told, setTold] = useState("");
  const [filters, setFilters] = useState<Record<string, string>>({});
  const choices = list.data?.items ?? [];
  const chosen = choices.find((item) => item.name === name);
  const query = (): ReportQuery => ({ from, to, lang: language, interval: chosen?.interval ? interval : undefined, filters });

  const run = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await runReport(api, name, query());
      setResult(answer);
      setTold(t("reports.rows", { count: answer.rows.length }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const download = async (format: DownloadFormat) => {
    setError(undefined);
    try {
      const blob = await downloadReport(config.api, session?.token ?? null, name, query(), format);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `${name}_${from}_${to}.${DOWNLOADS[format].extension}`;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setTold(t("reports.downloaded", { file: link.download }));
    } catch (caught) {
      setError(caught);
    }
  };

  const chart =
    result && chosen ? chartOf(chosen.chart, chosen.chart_category, chosen.chart_values, result.title, result.columns, result.rows) : null;
  return (
    <Screen title={t("reports.title")}>
      <SupervisorNav current="/supervisor/reports" />
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data && (
        <form onSubmit={run}>
          <label for="report-name">{t("reports.report")}</label>
          <select id="report-name" value={name} onChange={(e) => {
              setName(e.currentTarget.value);
              setFilters({});
            }} aria-describedby="report-definition">
            {choices.map((item) => (
              <option key={item.name} value={item.name}>
                {item.title}
              </option>
            ))}
          </select>
          {chosen && (
            <p id="report-definition" class="muted" lang="en">
              {chosen.definition}
            </p>
          )}
          <fieldset>
            <legend>{t("reports.period")}</legend>
            <div class="row wrap">
              <label>
                {t("reports.from")}
                <input type="date" value={from} required onInput={(e) => setFrom(e.currentTarget.value)} />
              </label>
              <label>
                {t("reports.to")}
                <input type="date" value={to} required onInput={(e) => setTo(e.currentTarget.value)} />
              </label>
              {chosen?.interval && (
                <label>
                  {t("reports.interval")}
                  <select value={interval} onChange={(e) => setPer(e.currentTarget.value)}>
                    {INTERVALS.map((value) => (
                      <option key={value} value={value}>
                        {t(`interval.${value}`)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
          </fieldset>
          {chosen && Object.keys(chosen.filters).length > 0 && (
            <fieldset>
              <legend>{t("reports.filters")}</legend>
              <div class="row wrap">
                {Object.entries(chosen.filters).map(([filter, values]) => {
                  const required = chosen.required.includes(filter);
                  const label = FILTERS.has(filter) ? t(`filter.${filter}` as SupervisorKey) : filter;
                  const set = (e: Event) => setFilters({ ...filters, [filter]: (e.currentTarget as HTMLInputElement).value });
                  return (
                    <label key={filter}>
                      {label}
                      {values ? (
                        <select value={filters[filter] ?? ""} onChange={set} required={required}>
                          <option value="">{t("reports.anyValue")}</option>
                          {values.map((value) => (
                            <option key={value} value={value}>
                              {value}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input value={filters[filter] ?? ""} onInput={set} required={required} autoComplete="off" />
                      )}
                    </label>
                  );
                })}
              </div>
            </fieldset>
          )}
          <div class="row wrap">
            <button type="submit" disabled={busy}>
              {t("reports.show")}
            </button>
            <button type="button" class="secondary" onClick={() => void download("csv")}>
              {t("reports.csv")}
            </button>
            <button type="button" class="secondary" onClick={() => void download("xlsx")}>
              {t("reports.xlsx")}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={error} />
      <p role="status" class="muted">
        {told}
      </p>
      {result && (
        <>
          <h2>{result.title}</h2>
          {result.rows.length === 0 && <p>{t("reports.empty")}</p>}
          {chart && (
            <Chart
              data={chart}
              description={t("reports.chartDescription", { value: chart.value, category: chart.category, count: chart.points.length })}
            />
          )}
          {result.rows.length > 0 && (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={result.title}>
              <table class="figures">
                <thead>
                  <tr>
                    {result.columns.map((column) => (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((row, index) => (
                    <tr key={index}>
                      {result.columns.map((column) => (
                        <td key={column}>{row[column] === null || row[column] === undefined ? "–" : String(row[column])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <SlaList kind="at_risk" title={t("sla.atRisk")} formatDate={formatDate} />
      <SlaList kind="breached" title={t("sla.breached")} formatDate={formatDate} />
    </Screen>
  );
}

function SlaList({ kind, title, formatDate }: { kind: "at_risk" | "breached"; title: string; formatDate: (iso: string) => string }) {
  const { api } = useApp();
  const t = useAreaI18n(MESSAGES);
  const tickets = useAsync(() => slaTickets(api, kind), [kind]);
  const items: SlaTicket[] = tickets.data?.items ?? [];
  return (
    <section aria-labelledby={`sla-${kind}`}>
      <h2 id={`sla-${kind}`}>
        {title} {tickets.data && `(${items.length}${tickets.data.next_cursor ? "+" : ""})`}
      </h2>
      {tickets.loading && <Loading />}
      <ErrorMessage error={tickets.error} />
      {tickets.data && items.length === 0 && <p class="muted">{t("sla.none")}</p>}
      {items.length > 0 && (
        <ul class="tickets">
          {items.map((item) => (
            <li key={item.ticket_id} class="card">
              <strong>{item.ticket_id}</strong> {item.subject}
              <dl class="facts">
                <div>
                  <dt>{t("sla.priority")}</dt>
                  <dd>{item.priority}</dd>
                </div>
                <div>
                  <dt>{t("sla.department")}</dt>
                  <dd>{item.department ?? "–"}</dd>
                </div>
                {item.resolution_due_at && (
                  <div>
                    <dt>{t("sla.due")}</dt>
                    <dd>{formatDate(item.resolution_due_at)}</dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
