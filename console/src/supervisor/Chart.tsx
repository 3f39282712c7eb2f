// A small accessible SVG chart of a report's figures: bars (a bar or pie report: a pie's shares
// read as well as bars) or a line (a trend). No chart library: the reports need one series of a
// few dozen points, which is 100 lines here against 50-200 KB for a library, and the table next
// to it carries every figure for screen readers (the SVG is one labelled image).
import type { Cell } from "./api";

export interface ChartData {
  kind: "bar" | "line";
  title: string;
  category: string;
  value: string;
  points: { label: string; value: number }[];
}

const numeric = (cell: Cell | undefined): cell is number => typeof cell === "number" && Number.isFinite(cell);

/** The report's own chart (GET /reports names its category and value columns, the workbook's
 * chart draws the same): one series, its first value column. A line sums the rows of each
 * category (a trend of all channels); a bar is a row, named by its other text columns too when
 * the category alone repeats (an agent in two queues). */
export function chartOf(
  kind: string,
  category: string | null,
  values: string[],
  title: string,
  columns: string[],
  rows: Record<string, Cell>[],
): ChartData | null {
  const value = values[0];
  if (kind === "none" || !category || !value || rows.length === 0) return null;
  const text = (cell: Cell | undefined) => (cell === null || cell === undefined ? "–" : String(cell));
  const amount = (cell: Cell | undefined) => (numeric(cell) ? cell : 0);
  if (kind === "line") {
    const sums = new Map<string, number>();
    for (const row of rows) sums.set(text(row[category]), (sums.get(text(row[category])) ?? 0) + amount(row[value]));
    const points = [...sums].slice(0, 60).map(([label, sum]) => ({ label, value: Math.round(sum * 100) / 100 }));
    return { kind: "line", title, category, value, points };
  }
  const repeats = new Set(rows.map((row) => text(row[category]))).size < rows.length;
  const others = columns.filter((c) => c !== category && rows.some((row) => typeof row[c] === "string"));
  const points = rows.slice(0, 40).map((row) => ({
    label: [row[category], ...(repeats ? others.map((c) => row[c]) : [])].map(text).join(" · "),
    value: amount(row[value]),
  }));
  return { kind: "bar", title, category, value, points };
}

const W = 640;
const ROW = 22;
const LEFT = 200;

export function Chart({ data, description }: { data: ChartData; description: string }) {
  const max = Math.max(1, ...data.points.map((p) => p.value));
  if (data.kind === "line") {
    const H = 220;
    const step = data.points.length > 1 ? (W - 60) / (data.points.length - 1) : 0;
    const xy = data.points.map((p, i) => [40 + i * step, H - 30 - (p.value / max) * (H - 60)] as const);
    return (
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">{data.title}</title>
        <desc id="chart-desc">{description}</desc>
        <line x1="40" y1={H - 30} x2={W - 20} y2={H - 30} class="axis" />
        <text x="36" y="34" class="tick" text-anchor="end">
          {max}
        </text>
        <text x="36" y={H - 30} class="tick" text-anchor="end">
          0
        </text>
        <polyline class="series" fill="none" points={xy.map(([x, y]) => `${x},${y}`).join(" ")} />
        {xy.map(([x, y], i) => (
          <circle key={i} cx={x} cy={y} r="4" class="dot">
            <title>{`${data.points[i]!.label}: ${data.points[i]!.value}`}</title>
          </circle>
        ))}
        {data.points.length > 0 && (
          <>
            <text x="40" y={H - 10} class="tick">
              {data.points[0]!.label}
            </text>
            <text x={W - 20} y={H - 10} class="tick" text-anchor="end">
              {data.points[data.points.length - 1]!.label}
            </text>
          </>
        )}
      </svg>
    );
  }
  const H = data.points.length * ROW + 10;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc">
      <title id="chart-title">{data.title}</title>
      <desc id="chart-desc">{description}</desc>
      {data.points.map((p, i) => {
        const width = (p.value / max) * (W - LEFT - 60);
        const y = 5 + i * ROW;
        return (
          <g key={i}>
            <text x={LEFT - 8} y={y + 14} class="tick" text-anchor="end">
              {p.label.length > 28 ? `${p.label.slice(0, 27)}…` : p.label}
            </text>
            <rect x={LEFT} y={y + 2} width={Math.max(1, width)} height={ROW - 6} class="bar" />
            <text x={LEFT + width + 6} y={y + 14} class="tick">
              {p.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
