// Writing a file so that no reader, and no crash, ever sees half of it (Node only): the text goes to a temporary file in
// the same directory (same file system, so the rename is atomic), is flushed to disk, and is renamed over the target.
// On any failure the temporary file is removed and an existing target is left exactly as it was.
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let serial = 0;

/** Writes `text` (UTF-8) to `path` atomically; throws one line naming the file, having changed nothing. */
export function writeTextFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${serial++}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    writeFileSync(fd, text, 'utf8');
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (e) {
    if (fd !== undefined) try { closeSync(fd); } catch { /* already failing: report the first error */ }
    try { unlinkSync(temp); } catch { /* never created */ }
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'it is a directory' : code ?? (e instanceof Error ? e.message : String(e));
    throw new Error(`cannot write ${path} (${why}); nothing was written`, { cause: e });
  }
}
