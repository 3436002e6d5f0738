/** Small statistics and the text table the benchmark prints. */

export function median(values: number[]): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function min(values: number[]): number {
    return values.length === 0 ? NaN : Math.min(...values);
}

/** Min and median of a series. */
export interface Summary {
    min: number;
    median: number;
}

export function summarize(values: number[]): Summary {
    return { min: min(values), median: median(values) };
}

/** Pairwise ratios a[i] / b[i] of interleaved runs. */
export function ratios(a: number[], b: number[]): number[] {
    return a.map((x, i) => x / b[i]!);
}

/** Slope of a least-squares line through (x, y): the cost of one more unit of x. */
export function slope(points: { x: number; y: number }[]): number {
    if (points.length < 2) return NaN;
    const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
    const my = points.reduce((s, p) => s + p.y, 0) / points.length;
    const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
    const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
    return den === 0 ? NaN : num / den;
}

export const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : "-");

/** A GitHub-flavoured Markdown table (readable as text, pasteable into a report). */
export function table(header: string[], rows: string[][]): string {
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
    const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
    return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
