// The lab page's plots and readouts (issue 4).
export { VelocityPlot, type VelocityPlotProps, type PlotCurve } from './VelocityPlot.tsx';
export { BetaReadout, type BetaReadoutProps } from './BetaReadout.tsx';
export { EquilibrationPlot, type EquilibrationPlotProps } from './EquilibrationPlot.tsx';
export { SweepPlot, type SweepPlotProps } from './SweepPlot.tsx';
export { DistanceTable, type DistanceTableProps } from './DistanceTable.tsx';
export { FitWindowInputs, type FitWindowInputsProps } from './FitWindowInputs.tsx';
export { noFitReason, harmonicBeta } from './betaFormat.ts';
export { pointsInWindow, validateFitWindow, type TimeWindow } from './fitWindow.ts';
export { ScalingPlot, type ScalingPlotProps } from './ScalingPlot.tsx';
export { AnnealingPlot, NonlinearStatisticsPlot } from './SoftStudyPlots.tsx';
