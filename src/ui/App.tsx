// The lab page: presets on top; controls, particles and the relaxation plot side by side; the experiment's other results below.
import { useEffect } from 'react';
import { LabClient } from '../engine/lab/client.ts';
import { createLabController, type LabController } from '../state/labController.ts';
import { useViewStore } from '../state/viewStore.ts';
import { About } from './About.tsx';
import { ProtocolControls } from './controls/ProtocolControls.tsx';
import { PresetGallery } from './controls/PresetGallery.tsx';
import { StudyGallery } from './controls/StudyGallery.tsx';
import { RunButtons } from './controls/RunButtons.tsx';
import { SystemControls } from './controls/SystemControls.tsx';
import { EngineBanner } from './EngineBanner.tsx';
import { useShortcuts } from './hooks/useShortcuts.ts';
import { ExperimentPanel } from './panels/ExperimentPanel.tsx';
import { ScalingPanel } from './panels/ScalingPanel.tsx';
import { LandscapePanel } from './panels/LandscapePanel.tsx';
import { LibraryPanel } from './library/LibraryPanel.tsx';
import { ExportPanel } from './export/ExportPanel.tsx';
import { useLibraryStore } from '../state/library/libraryStore.ts';
import { recordFromRunFile } from '../state/library/recordFromRunFile.ts';
import { ParticlePanel } from './panels/ParticlePanel.tsx';
import { PlotPanel } from './panels/PlotPanel.tsx';
import { PanelBoundary } from './PanelBoundary.tsx';
import { useEngineDetection } from './useEngineDetection.ts';
import { useCalibration } from './useCalibration.ts';
import { CalibrationNote } from './CalibrationNote.tsx';
import { ShareButton } from './share/ShareButton.tsx';
import { SharedLinkBanner } from './share/SharedLinkBanner.tsx';
import { useSharedLink } from './share/useSharedLink.ts';
import { useAddressFollowsRun } from './share/useAddressFollowsRun.ts';
import { LectureScriptPanel, useLectureScriptKeys } from './lecture/LectureScriptPanel.tsx';
import { useLectureScriptLink } from './lecture/useLectureScriptLink.ts';

function LectureToggle() {
  const lecture = useViewStore((s) => s.lectureMode);
  const set = useViewStore((s) => s.set);
  return (
    <button type="button" data-testid="lecture-mode" aria-pressed={lecture} title="Lecture mode (l): full screen, large type"
      onClick={() => {
        const on = !lecture;
        set({ lectureMode: on });
        if (on) void document.documentElement.requestFullscreen?.().catch(() => undefined);
        else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      }}>
      {lecture ? 'Leave lecture mode' : 'Lecture mode'}
    </button>
  );
}

// One lab controller (and one worker) for the page's lifetime: React's StrictMode mounts components twice in development, and
// a controller disposed by the first unmount would leave the second with a terminated worker.
let controllerOfPage: LabController | null = null;
function pageController(): LabController {
  controllerOfPage ??= createLabController(new LabClient(), { baseUrl: import.meta.env.BASE_URL });
  return controllerOfPage;
}

export function App() {
  const detection = useEngineDetection();
  useCalibration(detection);
  const controller = pageController();
  useShortcuts(controller);
  const [sharedLink, dismissLink] = useSharedLink(detection, () => controller.stop());
  useAddressFollowsRun();
  useLectureScriptKeys(controller);
  const scriptLinkError = useLectureScriptLink();
  const lecture = useViewStore((s) => s.lectureMode);
  // Lecture mode starts at the top: the header holds Run and the progress line.
  useEffect(() => { if (lecture) window.scrollTo(0, 0); }, [lecture]);
  useEffect(() => {
    const leave = () => { if (!document.fullscreenElement) useViewStore.getState().set({ lectureMode: false }); };
    document.addEventListener('fullscreenchange', leave);
    return () => document.removeEventListener('fullscreenchange', leave);
  }, []);
  return (
    <div className={lecture ? 'lab lecture' : 'lab'}>
      <header className="lab-header">
        <h1>GlassLab</h1>
        <span className="tagline">equilibrate a glass-former, quench it, watch ⟨|v(t)|⟩ ~ t<sup>−β</sup></span>
        {lecture ? <RunButtons controller={controller} /> : <ShareButton />}
        <LectureToggle />
      </header>
      <EngineBanner detection={detection} />
      {lecture ? null : <CalibrationNote />}
      <SharedLinkBanner link={sharedLink} controller={controller} dismiss={dismissLink} />
      <PresetGallery controller={controller} />
      <LectureScriptPanel controller={controller} linkError={scriptLinkError} />
      <div className="lab-grid">
        {/* Lecture mode shows the particles and the plot only; Run and the progress line move into the header. */}
        {lecture ? null : (
          <aside className="controls" aria-label="Run spec">
            {/* first, and sticky: Run and the progress line stay in view at 1280×720 while the fields scroll */}
            <RunButtons controller={controller} />
            <SystemControls />
            <ProtocolControls />
            <p className="keys">keys: space run/pause · r reset · 1–6 colours · l lecture mode · → ← lecture script</p>
          </aside>
        )}
        <PanelBoundary name="the particle view"><ParticlePanel /></PanelBoundary>
        <PanelBoundary name="the plot"><PlotPanel /></PanelBoundary>
      </div>
      <PanelBoundary name="the experiment's results"><ExperimentPanel /></PanelBoundary>
      {/* the studies (paper figures) below the single run, so Run and the progress line stay above the fold at 1280×720 */}
      {lecture ? null : <StudyGallery controller={controller} />}
      <PanelBoundary name="finite-size scaling"><ScalingPanel controller={controller} /></PanelBoundary>
      <PanelBoundary name="the Landscape panel"><LandscapePanel /></PanelBoundary>
      {lecture ? null : (
        <>
          <PanelBoundary name="export"><ExportPanel onImportRun={(run) => void useLibraryStore.getState().save(recordFromRunFile(run))} /></PanelBoundary>
          <PanelBoundary name="the library"><LibraryPanel controller={controller} /></PanelBoundary>
          <About />
        </>
      )}
    </div>
  );
}
