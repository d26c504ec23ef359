// The storage the page's library uses: IndexedDB where the browser has it, else memory (runs last until the page closes).
import { IndexedDbRunStorage } from './indexedDbRunStorage.ts';
import { MemoryRunStorage } from './memoryRunStorage.ts';
import type { RunStorage } from './runStorage.ts';

export function defaultRunStorage(): RunStorage {
  return typeof indexedDB !== 'undefined' ? new IndexedDbRunStorage(indexedDB) : new MemoryRunStorage();
}
