import { describe, expect, it } from "vitest";
import { localDay, parseDay, startOfDay } from "../../src/core/dates.js";

describe("localDay", () => {
  it.each([
    { at: new Date(2026, 0, 5, 0, 0, 0), want: "2026-01-05" },
    { at: new Date(2026, 0, 5, 23, 59, 59, 999), want: "2026-01-05" },
    { at: new Date(2026, 11, 31, 12), want: "2026-12-31" },
    { at: new Date(2024, 1, 29, 8), want: "2024-02-29" },
  ])("$want", ({ at, want }) => {
    expect(localDay(at)).toBe(want);
  });
});

describe("startOfDay", () => {
  it.each([
    new Date(2026, 2, 10, 0, 0),
    new Date(2026, 2, 10, 13, 45),
    new Date(2026, 2, 10, 23, 59, 59, 999),
  ])("%s starts at local midnight", (at) => {
    expect(startOfDay(at)).toBe(new Date(2026, 2, 10).getTime());
    expect(localDay(new Date(startOfDay(at)))).toBe("2026-03-10");
  });
});

describe("parseDay", () => {
  it.each(["2026-03-01", "2024-02-29", "2026-12-31", "2026-01-01", " 2026-03-05 "])(
    "accepts %s as local noon",
    (text) => {
      const d = parseDay(text);
      expect(d).toBeInstanceOf(Date);
      expect(localDay(d as Date)).toBe(text.trim());
      expect(d?.getHours()).toBe(12);
    },
  );

  it.each([
    "2026-02-30",
    "2023-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-1-5",
    "26-01-05",
    "2026/01/05",
    "2026-01-05T10:00",
    "today",
    "",
  ])("rejects %s", (text) => {
    expect(parseDay(text)).toBeUndefined();
  });
});
