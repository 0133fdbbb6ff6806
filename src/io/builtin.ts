/**
 * A Node built-in module fetched when first needed, not imported. An import of node:crypto or
 * node:stream is run by every command at start-up (the bundle initialises its imports eagerly),
 * and loading either costs more of a read-only run than the command itself. process.getBuiltinModule
 * (Node 22.3+) is synchronous, cached by Node, and left alone by the bundler.
 */
export function builtin<T>(id: `node:${string}`): T {
  return (process as unknown as { getBuiltinModule(id: string): unknown }).getBuiltinModule(id) as T;
}
