import { LoadSampleDialog } from '../board/LoadSampleDialog.tsx';
import { MigrationDialog } from '../board/MigrationDialog.tsx';
import { MoveToDialog } from '../board/MoveToDialog.tsx';
import { ClientPanel } from '../clients/ClientPanel.tsx';
import { CsvImportDialog } from '../clients/CsvImportDialog.tsx';
import { NewClientDialog } from '../clients/NewClientDialog.tsx';
import { CommandPalette } from './CommandPalette.tsx';
import { runCommand } from './Shell.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useShell } from './store.ts';

/** Renders the dialog that the shell store names, if any. */
export function DialogHost() {
  const dialog = useShell((state) => state.dialog);
  const closeDialog = useShell((state) => state.closeDialog);
  const openDialog = useShell((state) => state.openDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'newClient':
      return <NewClientDialog onClose={closeDialog} />;
    case 'client':
      return (
        <ClientPanel
          key={dialog.clientId}
          clientId={dialog.clientId}
          journeyId={dialog.journeyId}
          onClose={closeDialog}
        />
      );
    case 'importCsv':
      return <CsvImportDialog onClose={closeDialog} />;
    case 'shortcuts':
      return <ShortcutsDialog onClose={closeDialog} />;
    case 'commands':
      return <CommandPalette onClose={closeDialog} runCommand={runCommand} />;
    case 'loadSample':
      return <LoadSampleDialog onClose={closeDialog} />;
    case 'moveTo':
      return (
        <MoveToDialog
          card={dialog.card}
          onClose={closeDialog}
          onChoose={(segment) =>
            openDialog({ kind: 'migrate', card: dialog.card, segment })
          }
        />
      );
    case 'migrate':
      return (
        <MigrationDialog
          key={`${dialog.card.journeyId}-${dialog.segment}`}
          journeyId={dialog.card.journeyId}
          clientName={dialog.card.clientName}
          from={dialog.card.segment}
          to={dialog.segment}
          onClose={closeDialog}
        />
      );
  }
}
