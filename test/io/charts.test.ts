import { describe, expect, it } from "vitest";
import type { HeatmapWeek } from "../../src/core/stats.js";
import {
  bar,
  barChart,
  forecastChart,
  heatmap,
  SHADES,
  shadeLevel,
  sparkline,
} from "../../src/io/terminal/charts.js";
import { displayWidth } from "../../src/io/terminal/wrap.js";

const ESC = "\x1b";

// Twelve Monday-first weeks from 2024-12-23 with a busy week in February and a part-week at the end.
const WEEKS: HeatmapWeek[] = Array.from({ length: 12 }, (_, w) => {
  const d = new Date(Date.UTC(2024, 11, 23 + w * 7));
  const counts: (number | null)[] = [0, 0, 0, 0, 0, 0, 0];
  if (w === 6) counts.splice(0, 7, 1, 2, 3, 4, 8, 0, 0);
  if (w === 11) counts.splice(0, 7, 3, 2, 5, null, null, null, null);
  return { start: d.toISOString().slice(0, 10), counts };
});

const BARS = [
  { label: "internals", ratio: 0.2, note: "2/10" },
  { label: "a-very-long-section-slug-from-a-user-deck", ratio: 1, note: "10/10" },
  { label: "networking", ratio: 0, note: "0/10" },
];

const FORECAST = [
  { day: "2025-03-12", due: 3 },
  { day: "2025-03-13", due: 1 },
  { day: "2025-03-14", due: 120 },
  { day: "2025-03-15", due: 0 },
  { day: "2025-03-16", due: 0 },
  { day: "2025-03-17", due: 0 },
  { day: "2025-03-18", due: 1 },
];

const charts = (color: boolean, width: number) => ({
  bars: barChart(BARS, { color, width }),
  heatmap: heatmap(WEEKS, { color, width }),
  forecast: forecastChart(FORECAST, { color, width }),
});

describe("chart widths", () => {
  for (const width of [200, 100, 80, 60, 40, 30]) {
    for (const color of [false, true]) {
      it(`every line fits ${Math.min(width, 80)} columns at width ${width}${color ? " in colour" : ""}`, () => {
        for (const [name, lines] of Object.entries(charts(color, width))) {
          expect(lines.length, name).toBeGreaterThan(0);
          for (const line of lines)
            expect(displayWidth(line), `${name}: ${line}`).toBeLessThanOrEqual(Math.min(width, 80));
        }
      });
    }
  }

  it("uses the room it has: bars are longer at 80 columns than at 40", () => {
    const wide = barChart(BARS, { color: false, width: 80 })[1] ?? "";
    const narrow = barChart(BARS, { color: false, width: 40 })[1] ?? "";
    expect(wide.split("█").length).toBeGreaterThan(narrow.split("█").length);
    expect(narrow).toMatch(/100%/);
  });
});

describe("escape codes", () => {
  it("none without colour, for every chart", () => {
    for (const lines of Object.values(charts(false, 80)))
      for (const line of lines) expect(line).not.toContain(ESC);
  });

  it("colour is used when allowed", () => {
    expect(charts(true, 80).heatmap.join("\n")).toContain(ESC);
  });
});

describe("heatmap shading", () => {
  it("levels rise with the count, by quarter of the busiest day", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => shadeLevel(n, 8))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(shadeLevel(1, 1)).toBe(4);
    expect(shadeLevel(0, 0)).toBe(0);
  });

  it("without colour, draws ' ░▒▓█' from none to busiest in the right cells", () => {
    expect(SHADES).toEqual([" ", "░", "▒", "▓", "█"]);
    const lines = heatmap(WEEKS, { color: false, width: 80 });
    // Line 0 names the months; lines 1–7 are Monday to Sunday; each week is two columns after a 4-column gutter.
    const at = (day: number, week: number) => (lines[1 + day] ?? "").padEnd(4 + 24)[4 + week * 2];
    expect([0, 1, 2, 3, 4].map((d) => at(d, 6))).toEqual(["░", "░", "▒", "▒", "█"]); // 1, 2, 3, 4, 8 answers
    expect([0, 1, 2].map((d) => at(d, 11))).toEqual(["▒", "░", "▓"]); // 3, 2, 5
    expect(at(0, 5)).toBe(" ");
    expect(at(3, 11)).toBe(" "); // days to come are blank too
  });

  it("labels weekdays and months, and explains the shades", () => {
    const lines = heatmap(WEEKS, { color: false, width: 80 });
    expect(lines[0]?.trim().split(/\s+/)).toEqual(["Jan", "Feb", "Mar"]);
    expect(lines[1]).toMatch(/^Mon /);
    expect(lines[3]).toMatch(/^Wed /);
    expect(lines.slice(8).join(" ")).toMatch(/░ 1-2\s+▒ 3-4\s+▓ 5-6\s+█ 7-8\s+answers a day/);
  });

  it("colour shades are distinct and in order from none to busiest", () => {
    const colour = heatmap(WEEKS, { color: true, width: 80 });
    // The February row for Monday..Friday holds 1, 2, 3, 4 and 8 answers: levels 1, 1, 2, 2, 4.
    const codeAt = (day: number, week: number) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape codes themselves
      const cells = [...(colour[1 + day] ?? "").matchAll(/\x1b\[38;5;(\d+)m█/g)].map((m) => m[1]);
      return cells[week];
    };
    const level1 = codeAt(0, 6);
    expect(codeAt(1, 6)).toBe(level1);
    expect(new Set([codeAt(0, 5), level1, codeAt(2, 6), codeAt(4, 6)]).size).toBe(4);
  });
});

describe("bars and forecast", () => {
  it("fills bars in eighths, with a sliver for anything above zero", () => {
    expect(bar(0.5, 4)).toEqual({ filled: "██", rest: "  " });
    expect(bar(0.5, 1).filled).toBe("▌");
    expect(bar(3 / 8, 2).filled).toBe("▊");
    expect(bar(0.001, 10).filled).toBe("▏");
    expect(bar(0, 10)).toEqual({ filled: "", rest: "          " });
  });

  it("bar chart shows label, bar, percentage and note", () => {
    const [first] = barChart(BARS, { color: false, width: 80 });
    expect(first).toMatch(/^internals\s+██.*·+\s+20%\s+2\/10$/);
  });

  it("forecast names today and weekdays, scaled to the busiest day", () => {
    const lines = forecastChart(FORECAST, { color: false, width: 80 });
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(["Today", "Thu", "Fri", "Sat", "Sun", "Mon", "Tue"]);
    expect(lines[2]).toMatch(/^Fri 14\s+█+ 120$/);
    expect(lines[3]).toBe("Sat 15  0");
    expect((lines[2]?.match(/█/g) ?? []).length).toBeGreaterThan((lines[0]?.match(/█/g) ?? []).length);
  });

  it("sparkline scales to the largest value", () => {
    expect(sparkline([0, 4, 8])).toBe("▁▅█");
    expect(sparkline([0, 0])).toBe("▁▁");
  });
});
