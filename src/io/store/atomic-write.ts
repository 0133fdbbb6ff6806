import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replaces `path` with `data` so that a reader sees the old file or the new one, never a part.
 * Hand-written because conf's bundled writer (write-file-atomic's sync path) ignores a short write:
 * on a nearly full disk it fsynced and renamed a cut file over good settings. Here every write is
 * checked until all bytes are down, the copy is fsynced before the rename, and the folder after it.
 */
export function writeFileDurable(path: string, data: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  sweepTemps(path, "tmp");
  const tmp = join(dir, `${basename(path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const bytes = Buffer.from(data, "utf8");
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", 0o600);
    for (let done = 0; done < bytes.length; ) {
      const n = writeSync(fd, bytes, done, bytes.length - done);
      // A write that takes nothing will never finish: the disk is full.
      if (n <= 0) throw Object.assign(new Error(`ENOSPC: no space left writing ${tmp}`), { code: "ENOSPC" });
      done += n;
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {}
    throw e;
  }
  try {
    const d = openSync(dir, "r");
    try {
      fsyncSync(d);
    } finally {
      closeSync(d);
    }
  } catch {
    // Some file systems refuse to fsync a folder; the rename itself is still atomic.
  }
}

/**
 * Removes `<path>.<kind>-<pid>-*` files left by a writer that was killed before its rename: only
 * those whose process is gone, so a live writer's copy is never touched.
 */
export function sweepTemps(path: string, kind: string): void {
  const prefix = `${basename(path)}.${kind}-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split("-")[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    rmSync(join(dirname(path), name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
