// Which axes the particle view shows for a D > 3 state (src/ui/views/particles/projection.ts): two or three shown, one hidden
// axis for the 'hidden' colour mode. Not part of the run or the share link; kept per dimension so that a 4D and an 8D run
// each keep their own choice.
import { create } from 'zustand';

export interface ProjectionChoice {
  shown: number[];
  hidden: number;
}

interface ProjectionStore {
  byDim: Record<number, ProjectionChoice>;
  setAxes(dim: number, axes: ProjectionChoice): void;
}

export const useProjectionStore = create<ProjectionStore>()((set) => ({
  byDim: {},
  setAxes: (dim, axes) => set((s) => ({ byDim: { ...s.byDim, [dim]: { shown: [...axes.shown], hidden: axes.hidden } } })),
}));
