import { builtin } from "../builtin.js";
/**
 * node:sqlite, loaded on first use: only commands that touch progress pay for it. The types are
 * the few members used here, so the code compiles whichever @types/node is installed.
 */
export interface Statement {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Record<string, unknown>[];
  iterate(...params: unknown[]): IterableIterator<Record<string, unknown>>;
}

export interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
  readonly isOpen: boolean;
}

interface SqliteModule {
  DatabaseSync: new (path: string, opts?: { readOnly?: boolean; timeout?: number }) => Database;
}

let sqlite: SqliteModule | undefined;

/** Opens `path` (":memory:" for a database that lives only in this process). */
export function openDatabase(path: string, opts: { readOnly?: boolean; timeout?: number } = {}): Database {
  // Fetched, not imported: synchronous, and no bundler rewrites it.
  sqlite ??= builtin<SqliteModule>("node:sqlite");
  return new sqlite.DatabaseSync(path, opts);
}

/** SQLite's primary result code of an error from node:sqlite (SQLITE_FULL is 13), or undefined. */
export function sqliteCode(e: unknown): number | undefined {
  const code = (e as { errcode?: unknown })?.errcode;
  return typeof code === "number" ? code & 0xff : undefined;
}

export const SQLITE = {
  BUSY: 5,
  LOCKED: 6,
  NOMEM: 7,
  READONLY: 8,
  IOERR: 10,
  CORRUPT: 11,
  FULL: 13,
  CANTOPEN: 14,
  NOTADB: 26,
} as const;
