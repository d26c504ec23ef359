// Progress lines on stderr, at most one a second, so stdout stays clean JSON.
export function throttledProgress(quiet: boolean, intervalMs = 1000): (line: string, force?: boolean) => void {
  let last = 0;
  return (line, force = false) => {
    if (quiet) return;
    const now = Date.now();
    if (!force && now - last < intervalMs) return;
    last = now;
    process.stderr.write(`${line}\n`);
  };
}
