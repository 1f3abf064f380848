import type { NodeKind } from '../../src-shared/playbooks/model.ts';
import { kindMime } from './FlowView.tsx';
import { kindInfo, paletteKinds } from './kinds.ts';

/**
 * Step kinds to place: drag one onto the canvas, or press it (click, Enter
 * or Space) to add it in the middle of the view.
 */
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  return (
    <nav className="canvas-palette" aria-label="Step kinds">
      <h2 className="canvas-panel-title">Add a step</h2>
      <ul>
        {paletteKinds.map((kind) => {
          const info = kindInfo[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                className={`canvas-palette-item family-${info.family}`}
                draggable
                title={`${info.description} Drag onto the canvas or press to add.`}
                data-kind={kind}
                onDragStart={(event) => {
                  event.dataTransfer.setData(kindMime, kind);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAdd(kind)}
              >
                <span className="canvas-palette-icon" aria-hidden="true">
                  {info.icon}
                </span>
                {info.label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
