// The library of runs (issue 5): every run saved in this browser, newest first; rename, delete, overlay on the velocity
// plot, re-run; storage usage with "delete all", and the message when storage is full. While mounted (autosave, the
// default) it saves the lab's runs into the library as they run (src/state/library/librarySaver.ts).
import { useEffect, useState } from 'react';
import { startLibrarySaver } from '../../state/library/librarySaver.ts';
import { KEEP_CONFIGURATIONS_MAX_N, useLibraryStore, type KeepConfigurations } from '../../state/library/libraryStore.ts';
import { loadRunIntoSpec } from '../../state/library/rerunSpec.ts';
import { restoreSoftSpots } from '../../state/library/softSpotsOfRecord.ts';
import { megabytes } from '../../state/library/runStorage.ts';
import type { LabController } from '../../state/labController.ts';
import { LibraryRow } from './LibraryRow.tsx';
import './library.css';

export interface LibraryPanelProps {
  controller: Pick<LabController, 'run'>;
  /** Save the lab's runs while the panel is mounted (off in tests that drive the library store alone). */
  autosave?: boolean;
}

function useLibraryLifecycle(autosave: boolean) {
  useEffect(() => {
    if (!autosave) {
      void useLibraryStore.getState().load();
      return undefined;
    }
    const saver = startLibrarySaver();
    return () => saver.stop();
  }, [autosave]);
}

function DeleteAll({ count, onConfirm }: { count: number; onConfirm(): void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) return <button type="button" data-testid="library-delete-all" disabled={count === 0} onClick={() => setAsking(true)}>delete all</button>;
  return (
    <span className="library-confirm">
      delete {count} run{count === 1 ? '' : 's'}?{' '}
      <button type="button" data-testid="library-delete-all-confirm" onClick={() => { setAsking(false); onConfirm(); }}>yes, delete</button>{' '}
      <button type="button" onClick={() => setAsking(false)}>keep</button>
    </span>
  );
}

export function LibraryPanel({ controller, autosave = true }: LibraryPanelProps) {
  useLibraryLifecycle(autosave);
  const lib = useLibraryStore();
  const openSoftSpots = async (id: string) => {
    const record = await lib.get(id);
    if (!record || !restoreSoftSpots(record)) useLibraryStore.setState({ error: 'this run keeps no soft spots' });
  };
  const rerun = (id: string) => {
    const run = lib.records.find((r) => r.id === id);
    if (!run) return;
    const problem = loadRunIntoSpec(run);
    if (problem) useLibraryStore.setState({ error: problem });
    else void controller.run();
  };
  return (
    <section className="panel library-panel" data-testid="library" aria-label="Library of runs">
      <header className="library-head">
        <h2>Library</h2>
        <span className="library-usage" data-testid="library-usage">
          {lib.records.length} run{lib.records.length === 1 ? '' : 's'}
          {lib.usage ? ` · ${megabytes(lib.usage.usedBytes)} used${lib.usage.quotaBytes ? ` of ${megabytes(lib.usage.quotaBytes)}` : ''}` : ''}
        </span>
        <label className="library-setting">
          keep configurations{' '}
          <select data-testid="library-keep-configurations" value={lib.keepConfigurations}
            onChange={(e) => lib.setKeepConfigurations(e.target.value as KeepConfigurations)}>
            <option value="small">when N ≤ {KEEP_CONFIGURATIONS_MAX_N.toLocaleString('en')}</option>
            <option value="always">always</option>
            <option value="never">never</option>
          </select>
        </label>
        <DeleteAll count={lib.records.length} onConfirm={() => void lib.clear()} />
      </header>
      {lib.error ? (
        <p className="library-error" role="alert" data-testid="library-error">
          {lib.error} <button type="button" onClick={lib.dismissError}>dismiss</button>
        </p>
      ) : null}
      {lib.persistence === 'refused' ? (
        <p className="caption" data-testid="library-not-persistent">
          This browser did not grant persistent storage: it may delete these runs when space runs low. Export the runs you need.
        </p>
      ) : null}
      {lib.records.length === 0 ? (
        <p className="caption">{lib.loaded ? 'No runs yet: every run you start is saved here, and kept across reloads.' : 'Reading the library…'}</p>
      ) : (
        <div className="library-scroll">
          <table className="library-table">
            <thead>
              <tr><th title="overlay on the plot">plot</th><th>name</th><th>model</th><th>N</th><th>T</th><th>algorithm</th><th>β</th><th>status</th><th>date</th><th>size</th><th /></tr>
            </thead>
            <tbody>
              {lib.records.map((r) => (
                <LibraryRow key={r.id} run={r} overlaid={lib.overlayIds.includes(r.id)}
                  onRename={(name) => void lib.rename(r.id, name)} onDelete={() => void lib.remove(r.id)}
                  onToggleOverlay={() => void lib.toggleOverlay(r.id)} onRerun={() => rerun(r.id)} onOpenSoftSpots={() => void openSoftSpots(r.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
