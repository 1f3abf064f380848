import { useState } from 'react';
import { invoke } from '../api/client.ts';
import { defaultSegmentRules } from '../../src-shared/segments/defaults.ts';
import type { SegmentRules } from '../../src-shared/segments/table.ts';
import { ConfirmDialog } from '../shell/Dialog.tsx';
import { ErrorNote } from '../shell/ErrorNote.tsx';
import { notify } from '../shell/toasts.ts';
import { DecisionTableEditor } from './DecisionTableEditor.tsx';
import { RulesPreview } from './RulesPreview.tsx';
import { findIssues, tableTitles, type TableKey } from './rules-model.ts';
import { rulesChanged, useSettingsDrafts } from './store.ts';
import { useRulesPreview } from './useRulesPreview.ts';
import { UnsavedBadge } from './UnsavedBadge.tsx';

type Pending = 'reset' | 'discard' | null;

function TableSwitch(props: {
  value: TableKey;
  rules: SegmentRules;
  onChange: (key: TableKey) => void;
}) {
  return (
    <div className="settings-switch" role="group" aria-label="Decision table">
      {(['segment', 'risk'] as const).map((key) => (
        <button
          key={key}
          type="button"
          aria-pressed={props.value === key}
          onClick={() => props.onChange(key)}
        >
          {tableTitles[key]}
          <span className="muted">{props.rules[key].rules.length} rules</span>
        </button>
      ))}
    </div>
  );
}

/**
 * Renders the editor of the segment and risk decision tables: edit a draft,
 * see how the sample clients classify under it, then save, discard or reset
 * to the defaults.
 */
export function RulesPanel() {
  const saved = useSettingsDrafts((state) => state.savedRules);
  const draft = useSettingsDrafts((state) => state.rules);
  const setRules = useSettingsDrafts((state) => state.setRules);
  const loadRules = useSettingsDrafts((state) => state.loadRules);
  const [tableKey, setTableKey] = useState<TableKey>('segment');
  const [pending, setPending] = useState<Pending>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const live = useRulesPreview(draft, saved);

  if (!saved || !draft) return null;
  const changed = rulesChanged(saved, draft);
  const issues = findIssues(tableKey, draft[tableKey]);
  const otherKey: TableKey = tableKey === 'segment' ? 'risk' : 'segment';
  const otherIssues = findIssues(otherKey, draft[otherKey]).length;

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      loadRules(await invoke('settings:setSegmentRules', { rules: draft }));
      notify('Segment rules saved', 'New and reclassified clients use them.');
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="settings-panel-body">
      <div className="settings-toolbar">
        <TableSwitch value={tableKey} rules={draft} onChange={setTableKey} />
        <div className="settings-toolbar-actions">
          {changed && <UnsavedBadge />}
          <button
            type="button"
            disabled={!changed || saving}
            onClick={() => setPending('discard')}
          >
            Discard changes
          </button>
          <button type="button" onClick={() => setPending('reset')}>
            Reset to defaults…
          </button>
          <button
            type="button"
            className="primary"
            disabled={!changed || saving}
            onClick={() => void save()}
          >
            {saving ? 'Saving…' : 'Save rules'}
          </button>
        </div>
      </div>
      {otherIssues > 0 && (
        <p className="field-error">
          The {tableTitles[otherKey].toLowerCase()} has {otherIssues}{' '}
          {otherIssues === 1 ? 'problem' : 'problems'} too.
        </p>
      )}
      {saveError !== undefined && (
        <ErrorNote title="Could not save the segment rules" error={saveError} />
      )}
      <DecisionTableEditor
        tableKey={tableKey}
        table={draft[tableKey]}
        issues={issues}
        onChange={(table) => setRules({ ...draft, [tableKey]: table })}
      />
      <RulesPreview live={live} />
      {pending === 'reset' && (
        <ConfirmDialog
          title="Reset the segment rules to the defaults?"
          message="Both tables in the editor are replaced by the rules Embark ships with. Nothing is saved until you choose Save rules."
          confirmLabel="Reset to defaults"
          danger
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setRules(structuredClone(defaultSegmentRules));
            setPending(null);
          }}
        />
      )}
      {pending === 'discard' && (
        <ConfirmDialog
          title="Discard your changes to the segment rules?"
          message="The editor goes back to the saved rules."
          confirmLabel="Discard changes"
          danger
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setRules(saved);
            setSaveError(undefined);
            setPending(null);
          }}
        />
      )}
    </div>
  );
}
