import { Board } from './board/Board.tsx';
import { CanvasScreen } from './canvas/CanvasScreen.tsx';
import { JourneyScreen } from './journeys/JourneyScreen.tsx';
import { SettingsScreen } from './settings/SettingsScreen.tsx';
import { DialogHost } from './shell/DialogHost.tsx';
import { Shell } from './shell/Shell.tsx';
import { StartupGate } from './shell/StartupGate.tsx';
import { useShell } from './shell/store.ts';
import { useThemeSync } from './shell/theme.ts';

function CurrentScreen() {
  const screen = useShell((state) => state.screen);
  const journeyId = useShell((state) => state.journeyId);
  const playbookId = useShell((state) => state.playbookId);
  switch (screen) {
    case 'board':
      return <Board />;
    case 'journey':
      return journeyId ? (
        <JourneyScreen key={journeyId} journeyId={journeyId} />
      ) : (
        <Board />
      );
    case 'canvas':
      return <CanvasScreen key={playbookId} playbookId={playbookId} />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/**
 * Renders the shell around the current screen and its dialogs, once
 * StartupGate has checked that the workspace opened.
 */
export function App() {
  useThemeSync();
  return (
    <StartupGate>
      <Shell>
        <CurrentScreen />
        <DialogHost />
      </Shell>
    </StartupGate>
  );
}
