/** Horizontal bar charts laid out on the server, drawn as SVG by `views/partials/bar-chart.ejs`. */

export interface ChartSeries {
  /** CSS class suffix of the series' bars. */
  key: string;
  label: string;
}

export interface ChartRow {
  label: string;
  /** One figure per series, in the order of the chart's `series`. */
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
  lines: { label: string; labelLines: string[]; labelY: number; bars: BarLayout[] }[];
  /** The whole chart in one sentence, for readers who cannot see it. */
  description: string;
}

/** One line of a label; a label longer than a line wraps onto more (long English names on a phone). */
const LABEL_HEIGHT = 18;
/**
 * Characters of a line of label: SVG text does not wrap, and 38 characters of 13 px type fit the narrowest chart
 * (a 360 px phone); Chinese labels are far shorter.
 */
const LABEL_CHARS = 38;
const BAR_HEIGHT = 14;
const BAR_GAP = 4;
const ROW_GAP = 12;
/** Room left at the right of the longest bar for its figure. */
const MAX_BAR_PCT = 82;

/** A label cut into lines of at most `width` characters, at spaces where it has them. */
export function wrapLabel(label: string, width = LABEL_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Positions every label and bar; widths are relative to the largest figure of the chart. */
export function layoutChart(input: ChartInput, describe: (row: ChartRow) => string): ChartLayout {
  const max = Math.max(1, ...input.rows.flatMap((r) => r.values));
  const barsHeight = input.series.length * (BAR_HEIGHT + BAR_GAP) + ROW_GAP;
  let top = 0;
  const lines = input.rows.map((row) => {
    const labelLines = wrapLabel(row.label);
    const barsTop = top + LABEL_HEIGHT * labelLines.length;
    const bars = input.series.map((series, s) => {
      const value = row.values[s] ?? 0;
      return {
        series: series.key,
        y: barsTop + s * (BAR_HEIGHT + BAR_GAP),
        widthPct: value > 0 ? Math.max(0.5, Math.round((value / max) * MAX_BAR_PCT * 10) / 10) : 0,
        value,
      };
    });
    const line = { label: row.label, labelLines, labelY: top + 13, bars };
    top = barsTop + barsHeight;
    return line;
  });
  return {
    ...input,
    height: Math.max(top - ROW_GAP, 1),
    barHeight: BAR_HEIGHT,
    lines,
    description: input.rows.map(describe).join('; '),
  };
}
