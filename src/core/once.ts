/**
 * A value made on first use and kept. For regular expressions with Unicode property escapes
 * (\p{...}) above all: V8 builds ICU's character sets when such a pattern is created, not when it
 * first runs, and a module-level one costs every run of the CLI that much at start-up (about 20
 * million instructions, a quarter of Node's own start, for safeText's INVISIBLE alone), whether or
 * not any text ever needs it.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
