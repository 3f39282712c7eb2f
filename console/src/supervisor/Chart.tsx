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

/** Which columns to draw: the text columns name a point, the first figure is its value. */
export function chartOf(
  kind: string,
  title: string,
  columns: string[],
  rows: Record<string, Cell>[],
): ChartData | null {
  if (kind === "none" || rows.length === 0) return null;
  const figures = columns.filter((column) => rows.every((row) => row[column] === null || numeric(row[column])));
  const labels = columns.filter((column) => !figures.includes(column));
  const value = figures[0];
  if (!value) return null;
  const points = rows.slice(0, 40).map((row) => ({
    label: labels.map((column) => String(row[column] ?? "–")).join(" · ") || String(rows.indexOf(row) + 1),
    value: numeric(row[value]) ? (row[value] as number) : 0,
  }));
  return { kind: kind === "line" ? "line" : "bar", title, category: labels.join(" · "), value, points };
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
