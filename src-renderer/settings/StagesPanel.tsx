import { useEffect, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../api/client.ts';
import type { StageUsage } from '../../src-shared/ipc/contract.ts';
import { ConfirmDialog } from '../shell/Dialog.tsx';
import { ErrorNote } from '../shell/ErrorNote.tsx';
import { useShell } from '../shell/store.ts';
import { notify, reportError } from '../shell/toasts.ts';
import {
  droppedWithJourneys,
  stageRenames,
  journeysIn,
  milestonesByStage,
  moveStage,
  stageProblem,
  type Milestone,
} from './stages-model.ts';
import {
  newStageDraft,
  stagesChanged,
  useSettingsDrafts,
  type StageDraft,
} from './store.ts';
import { UnsavedBadge } from './UnsavedBadge.tsx';

const maxStages = 20;

function StageUse(props: { milestones: Milestone[]; journeys: number }) {
  const { milestones, journeys } = props;
  return (
    <div className="settings-stage-use">
      {milestones.map((m) => (
        <span key={`${m.playbookId}/${m.nodeKey}`} className="badge">
          {m.nodeName} · {m.playbookName}
        </span>
      ))}
      {milestones.length === 0 && (
        <span className="muted">No milestone maps here.</span>
      )}
      {journeys > 0 && (
        <span className="badge info">
          {journeys} {journeys === 1 ? 'client' : 'clients'}
        </span>
      )}
    </div>
  );
}

type RowProps = {
  stages: StageDraft[];
  index: number;
  usage: StageUsage | undefined;
  milestones: Map<string, Milestone[]>;
  onChange: (
    stages: StageDraft[],
    focus?: { index: number; action: string },
  ) => void;
};

function StageRow({ stages, index, usage, milestones, onChange }: RowProps) {
  const stage = stages[index];
  if (!stage) return null;
  const n = index + 1;
  const problem = stageProblem(stages, index, milestones);
  const mapped = milestones.get(stage.original ?? stage.name) ?? [];
  const locked = stage.original !== undefined && mapped.length > 0;
  const rename = (name: string) =>
    onChange(stages.map((s, i) => (i === index ? { ...s, name } : s)));
  return (
    <li className="settings-stage" data-stage-row={n}>
      <span className="settings-number" aria-hidden="true">
        {n}
      </span>
      <div className="settings-stage-main">
        <input
          value={stage.name}
          aria-label={`Stage ${n} name`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `stage-${stage.id}-problem` : undefined}
          onChange={(event) => rename(event.target.value)}
        />
        <StageUse
          milestones={mapped}
          journeys={journeysIn(usage, stage.original ?? stage.name)}
        />
        {problem && (
          <div id={`stage-${stage.id}-problem`} className="field-error">
            {problem}
          </div>
        )}
      </div>
      <div className="settings-row-actions">
        <button
          type="button"
          className="ghost small"
          data-action="up"
          disabled={index === 0}
          aria-label={`Move ${stage.name || `stage ${n}`} up`}
          onClick={() =>
            onChange(moveStage(stages, index, -1), {
              index: index - 1,
              action: index - 1 === 0 ? 'down' : 'up',
            })
          }
        >
          ↑
        </button>
        <button
          type="button"
          className="ghost small"
          data-action="down"
          disabled={index === stages.length - 1}
          aria-label={`Move ${stage.name || `stage ${n}`} down`}
          onClick={() =>
            onChange(moveStage(stages, index, 1), {
              index: index + 1,
              action: index + 2 === stages.length ? 'up' : 'down',
            })
          }
        >
          ↓
        </button>
        <button
          type="button"
          className="ghost small"
          data-action="remove"
          disabled={locked || stages.length === 1}
          aria-label={`Remove ${stage.name || `stage ${n}`}`}
          title={
            locked
              ? 'Milestones map to this stage; map them elsewhere first.'
              : undefined
          }
          onClick={() =>
            onChange(
              stages.filter((_, i) => i !== index),
              { index: Math.min(index, stages.length - 2), action: 'remove' },
            )
          }
        >
          ✕
        </button>
      </div>
    </li>
  );
}

function AddStage({
  disabled,
  onAdd,
}: {
  disabled: boolean;
  onAdd: (name: string) => void;
}) {
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    onAdd(name.trim());
    setName('');
  };
  return (
    <form className="settings-add-stage" onSubmit={submit}>
      <label htmlFor="new-stage" className="visually-hidden">
        New stage name
      </label>
      <input
        id="new-stage"
        value={name}
        placeholder="New stage name"
        disabled={disabled}
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" disabled={disabled || name.trim() === ''}>
        Add stage
      </button>
      {disabled && (
        <span className="field-hint">
          The board has room for {maxStages} stages.
        </span>
      )}
    </form>
  );
}

/** Loads which milestones and journeys use each stage. */
function useStageUsage(version: number): StageUsage | undefined {
  const [usage, setUsage] = useState<StageUsage>();
  useEffect(() => {
    invoke('settings:stageUsage', {})
      .then(setUsage)
      .catch((error: unknown) =>
        reportError('Could not load where stages are used', error),
      );
  }, [version]);
  return usage;
}

/**
 * The board's stage list: rename, reorder, add and remove stages, with the
 * milestones and clients in each. A stage that milestones map to cannot be
 * removed or renamed, and removing one that clients are in needs a confirmation.
 */
export function StagesPanel() {
  const saved = useSettingsDrafts((state) => state.savedStages);
  const stages = useSettingsDrafts((state) => state.stages);
  const setStages = useSettingsDrafts((state) => state.setStages);
  const loadStages = useSettingsDrafts((state) => state.loadStages);
  const [version, setVersion] = useState(0);
  const usage = useStageUsage(version);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const [confirming, setConfirming] = useState<'save' | 'discard' | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  if (!saved || !stages) return null;
  const milestones = milestonesByStage(usage);
  const changed = stagesChanged(saved, stages);
  const problems = stages.filter(
    (_, index) => stageProblem(stages, index, milestones) !== undefined,
  ).length;
  const dropped = droppedWithJourneys(saved, stages, usage);

  const change: RowProps['onChange'] = (next, focus) => {
    setStages(next);
    if (!focus) return;
    requestAnimationFrame(() => {
      const row = listRef.current?.querySelector(
        `[data-stage-row="${focus.index + 1}"]`,
      );
      const button = row?.querySelector<HTMLButtonElement>(
        `button[data-action="${focus.action}"]:not(:disabled)`,
      );
      (button ?? row?.querySelector<HTMLElement>('input'))?.focus();
    });
  };

  const save = async () => {
    setConfirming(null);
    setSaving(true);
    setSaveError(undefined);
    try {
      const names = stages.map((stage) => stage.name.trim());
      loadStages(
        await invoke('settings:setStages', {
          stages: names,
          renames: stageRenames(stages),
        }),
      );
      useShell.getState().refreshBoard();
      setVersion(version + 1);
      notify('Stages saved', 'The board shows a column per stage.');
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel settings-stages" aria-labelledby="stages-title">
      <div className="settings-toolbar">
        <div className="settings-section-head">
          <h3 id="stages-title">Board stages</h3>
          <p className="muted">
            The board shows a column per stage, in this order. A playbook
            milestone moves a client’s card to the stage it names; clients start
            in the first stage. Renaming a stage moves its clients with it.
          </p>
        </div>
        <div className="settings-toolbar-actions">
          {changed && <UnsavedBadge />}
          <button
            type="button"
            disabled={!changed || saving}
            onClick={() => setConfirming('discard')}
          >
            Discard changes
          </button>
          <button
            type="button"
            className="primary"
            disabled={!changed || saving || problems > 0}
            onClick={() =>
              dropped.length > 0 ? setConfirming('save') : void save()
            }
          >
            {saving ? 'Saving…' : 'Save stages'}
          </button>
        </div>
      </div>
      {saveError !== undefined && (
        <ErrorNote title="Could not save the stages" error={saveError} />
      )}
      <ol className="settings-stage-list" ref={listRef}>
        {stages.map((stage, index) => (
          <StageRow
            key={stage.id}
            stages={stages}
            index={index}
            usage={usage}
            milestones={milestones}
            onChange={change}
          />
        ))}
      </ol>
      <p className="field-hint">
        A stage that milestones map to cannot be removed or renamed: first give
        those milestones another stage on the canvas and publish the playbook.
      </p>
      <AddStage
        disabled={stages.length >= maxStages}
        onAdd={(name) => setStages([...stages, newStageDraft(name)])}
      />
      {confirming === 'save' && (
        <ConfirmDialog
          title="Remove stages that clients are in?"
          message={
            <>
              <p>
                {dropped
                  .map(
                    (row) =>
                      `${row.count} ${row.count === 1 ? 'client is' : 'clients are'} in ${row.stage}`,
                  )
                  .join('; ')}
                .
              </p>
              <p>
                Their cards show in a column of their own until their journey
                reaches a milestone or changes.
              </p>
            </>
          }
          confirmLabel="Save stages"
          onCancel={() => setConfirming(null)}
          onConfirm={() => void save()}
        />
      )}
      {confirming === 'discard' && (
        <ConfirmDialog
          title="Discard your changes to the stages?"
          message="The list goes back to the saved stages."
          confirmLabel="Discard changes"
          danger
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            loadStages(saved);
            setSaveError(undefined);
            setConfirming(null);
          }}
        />
      )}
    </section>
  );
}
