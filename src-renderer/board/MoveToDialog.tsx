import { useState } from 'react';
import type { BoardCard } from '../../src-shared/ipc/contract.ts';
import type { Segment } from '../../src-shared/playbooks/model.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { otherSegments, segmentLabels } from './model.ts';

type Props = {
  card: BoardCard;
  onChoose: (segment: Segment) => void;
  onClose: () => void;
};

/** Asks for the target segment of a move, the keyboard way to move a card. */
export function MoveToDialog({ card, onChoose, onClose }: Props) {
  const choices = otherSegments(card.segment);
  const [segment, setSegment] = useState<Segment | undefined>(choices[0]);
  return (
    <Dialog
      title={`Move ${card.clientName} to another segment`}
      description={`Now in ${segmentLabels[card.segment]}. The next step shows what changes before anything moves.`}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!segment}
            onClick={() => segment && onChoose(segment)}
          >
            Preview the move
          </button>
        </>
      }
    >
      <fieldset>
        <legend>Segment</legend>
        {choices.map((choice) => (
          <label key={choice} className="radio-row">
            <input
              type="radio"
              name="move-segment"
              value={choice}
              checked={segment === choice}
              onChange={() => setSegment(choice)}
            />
            {segmentLabels[choice]}
          </label>
        ))}
      </fieldset>
    </Dialog>
  );
}
