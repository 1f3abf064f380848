import { Dialog } from './Dialog.tsx';
import { shortcutHelp } from './shortcuts.ts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      {shortcutHelp.map((group) => (
        <section key={group.group} aria-label={group.group}>
          <h3>{group.group}</h3>
          <table>
            <tbody>
              {group.items.map((item) => (
                <tr key={item.action}>
                  <td className="shortcut-keys">
                    {item.keys.map((key) => (
                      <kbd key={key}>{key}</kbd>
                    ))}
                  </td>
                  <td>{item.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Dialog>
  );
}
