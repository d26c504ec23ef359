// What comes back from the GPU Monte Carlo as configurations: the state (fixed-point positions and diameter labels) decoded to
// float64, now or from snapshots copied on the GPU as a run goes (read back once per batch, docs/ARCHITECTURE.md hazard 6).
import type { Configuration } from '../../physics/configuration.ts';
import type { Box } from '../../physics/space.ts';
import type { GpuContext } from '../device.ts';
import { decodePositions } from '../fixedPoint.ts';
import { storageBuffer } from '../kernels.ts';
import type { McBuffers } from './mcBuffers.ts';

/** Snapshots held on the GPU before they are read back (choice: 32 MiB). */
const SNAPSHOT_BYTES = 32 * 2 ** 20;

/** The host side of a configuration: the box, the initial float64 diameters (labels index them) and the species. */
export interface McHostState {
  readonly box: Box;
  readonly initialDiameters: Float64Array;
  readonly species: Uint8Array;
}

/** The configuration of positions (hi, lo) words and labels: positions decoded into [0, L), the initial diameters as swapped. */
export function decodeState(host: McHostState, words: Uint32Array, labels: Uint32Array): Configuration {
  return {
    box: host.box, positions: decodePositions(host.box, words),
    diameters: Float64Array.from(labels, (l) => host.initialDiameters[l]), species: host.species.slice(),
  };
}

/** Where a batch copies its snapshots: slotAfter(k) is the slot written after the batch's k-th sweep, or −1 for none. */
export interface Snapshots {
  slotAfter(sweep: number): number;
  encodeCopy(encoder: GPUCommandEncoder, buffers: McBuffers, slot: number): void;
}

/** A buffer of snapshots (positions words, then labels, per snapshot) for `samples` of n particles, batched as memory allows. */
export class SnapshotBuffer {
  readonly buffer: GPUBuffer;
  readonly n: number;
  readonly positionBytes: number;
  readonly bytesEach: number;
  /** Snapshots per batch. */
  readonly perBatch: number;

  constructor(gpu: GpuContext, n: number, dim: number, samples: number, every: number, sweepsPerBatch: number) {
    this.n = n;
    this.positionBytes = 8 * n * dim;
    this.bytesEach = this.positionBytes + 4 * n;
    this.perBatch = Math.max(1, Math.min(Math.floor(sweepsPerBatch / every), Math.floor(SNAPSHOT_BYTES / this.bytesEach)));
    this.buffer = storageBuffer(gpu, 'mc snapshots', this.bytesEach * Math.min(this.perBatch, Math.max(samples, 1)));
  }

  /** Snapshots after every `every` sweeps of a batch whose first `lead` sweeps have already run. */
  every(every: number, lead: number): Snapshots {
    return {
      slotAfter: (sweep) => ((lead + sweep + 1) % every === 0 ? (lead + sweep + 1) / every - 1 : -1),
      encodeCopy: (encoder, buffers, slot) => {
        const at = slot * this.bytesEach;
        encoder.copyBufferToBuffer(buffers.positions, 0, this.buffer, at, this.positionBytes);
        encoder.copyBufferToBuffer(buffers.labels, 0, this.buffer, at + this.positionBytes, 4 * this.n);
      },
    };
  }

  /** Snapshot s of a read-back buffer. */
  decode(host: McHostState, raw: ArrayBuffer, s: number): Configuration {
    const offset = s * this.bytesEach;
    return decodeState(host, new Uint32Array(raw, offset, this.positionBytes / 4), new Uint32Array(raw, offset + this.positionBytes, this.n));
  }

  destroy(): void {
    this.buffer.destroy();
  }
}
