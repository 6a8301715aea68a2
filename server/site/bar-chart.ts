/** Horizontal bar charts laid out on the server, drawn as SVG by `views/partials/bar-chart.ejs`. */

export interface ChartSeries {
  /** CSS class suffix of the series' bars. */
  key: string;
  label: string;
}

export interface ChartRow {
  label: string;
  values: number[];
  href?: string;
}

export interface ChartInput {
  id: string;
  title: string;
  /** The heading of the table's first column. */
  rowHeader: string;
  series: ChartSeries[];
  rows: ChartRow[];
}

export interface BarLayout {
  series: string;
  y: number;
  /** Bar width in percent of the chart's width, so the chart follows the screen while text keeps its size. */
  widthPct: number;
  value: number;
}

export interface ChartLayout extends ChartInput {
  height: number;
  barHeight: number;
  lines: { label: string; labelY: number; bars: BarLayout[] }[];
  /** The whole chart in one sentence, for readers who cannot see it. */
  description: string;
}

const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 14;
const BAR_GAP = 4;
const ROW_GAP = 12;
/** Room left at the right of the longest bar for its figure. */
const MAX_BAR_PCT = 82;

/** Positions every label and bar; widths are relative to the largest figure of the chart. */
export function layoutChart(input: ChartInput, describe: (row: ChartRow) => string): ChartLayout {
  const max = Math.max(1, ...input.rows.flatMap((r) => r.values));
  const rowHeight = LABEL_HEIGHT + input.series.length * (BAR_HEIGHT + BAR_GAP) + ROW_GAP;
  const lines = input.rows.map((row, i) => {
    const top = i * rowHeight;
    const bars = row.values.map((value, s) => ({
      series: input.series[s]!.key,
      y: top + LABEL_HEIGHT + s * (BAR_HEIGHT + BAR_GAP),
      widthPct: value > 0 ? Math.max(0.5, Math.round((value / max) * MAX_BAR_PCT * 10) / 10) : 0,
      value,
    }));
    return { label: row.label, labelY: top + 13, bars };
  });
  return {
    ...input,
    height: Math.max(rowHeight * input.rows.length - ROW_GAP, 1),
    barHeight: BAR_HEIGHT,
    lines,
    description: input.rows.map(describe).join('; '),
  };
}
