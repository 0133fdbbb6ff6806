import { Chalk } from "chalk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PLAIN, type Styles, stylesFor } from "../../src/io/terminal/render.js";

// Without colour the CLI does not load chalk: its PLAIN styles must make exactly the text chalk at
// level 0 would, for every style it uses and any values.
describe("styles without colour", () => {
  const chalk = new Chalk({ level: 0 });
  const names = ["bold", "dim", "red", "green", "yellow", "cyan"] as const;
  const value = fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant(null), fc.boolean());

  it("are chalk's at level 0, for one value or several", () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(value, { maxLength: 4 }), (name, text) => {
        expect(PLAIN[name](...text)).toBe(chalk[name](...text));
      }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 3 }), (text) => {
        expect(PLAIN.hex("#ff8800")(...text)).toBe(chalk.hex("#ff8800")(...text));
      }),
    );
  });

  it("are what a colourless output gets, and a coloured one gets chalk's", () => {
    expect(stylesFor({ color: false })).toBe(PLAIN);
    const colour: Styles = stylesFor({ color: true });
    expect(colour.bold("x")).toBe("\u001b[1mx\u001b[22m");
    expect(colour.hex("#ff0000")("x")).toBe(new Chalk({ level: 2 }).hex("#ff0000")("x"));
    expect(colour.hex("#ff0000")("x")).not.toBe("x");
  });
});
