// Which library runs are still going in some tab of this browser. A tab holds a Web Lock named after the run while it runs;
// the browser frees it when the run ends or the tab closes or crashes. On page load only runs whose lock is free become
// 'incomplete', so a run still going in another tab keeps its status. Where navigator.locks is missing, a heartbeat: the
// running tab writes the time into localStorage every few seconds, and a run whose heartbeat is recent counts as alive.

export interface RunLiveness {
  /** Marks `id` as running in this tab until the returned function is called (or the tab goes away). */
  hold(id: string): () => void;
  /** The ids among `ids` that some tab is running now. */
  alive(ids: readonly string[]): Promise<Set<string>>;
}

export const LOCK_PREFIX = 'glasslab-run-';
export const HEARTBEAT_MS = 2000;

interface LocksLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

export function webLocksLiveness(locks: LocksLike): RunLiveness {
  return {
    hold(id) {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => { release = resolve; });
      void locks.request(LOCK_PREFIX + id, () => held).catch(() => undefined);
      return () => release();
    },
    async alive(ids) {
      const names = new Set(((await locks.query()).held ?? []).map((l) => l.name));
      return new Set(ids.filter((id) => names.has(LOCK_PREFIX + id)));
    },
  };
}

interface StorageLike { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void }

/** The fallback: a heartbeat every HEARTBEAT_MS; alive while the last one is less than three beats old. */
export function heartbeatLiveness(store: StorageLike, now: () => number = Date.now, intervalMs = HEARTBEAT_MS): RunLiveness {
  const key = (id: string) => `${LOCK_PREFIX}${id}-heartbeat`;
  return {
    hold(id) {
      const beat = () => { try { store.setItem(key(id), String(now())); } catch { /* storage full or off: the run may be marked incomplete */ } };
      beat();
      const timer = setInterval(beat, intervalMs);
      return () => {
        clearInterval(timer);
        try { store.removeItem(key(id)); } catch { /* nothing to clean */ }
      };
    },
    async alive(ids) {
      return new Set(ids.filter((id) => {
        const last = Number(store.getItem(key(id)));
        return Number.isFinite(last) && last > 0 && now() - last < 3 * intervalMs;
      }));
    },
  };
}

/** Web Locks where the browser has them, else the heartbeat, else (no storage at all) every run counts as ended. */
export function defaultLiveness(): RunLiveness {
  const nav = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LocksLike }) : undefined;
  if (nav?.locks) return webLocksLiveness(nav.locks);
  if (typeof localStorage !== 'undefined') return heartbeatLiveness(localStorage);
  return { hold: () => () => undefined, alive: async () => new Set() };
}
