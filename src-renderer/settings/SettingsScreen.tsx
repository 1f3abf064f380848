import { useEffect, useState, type KeyboardEvent } from 'react';
import { invoke } from '../api/client.ts';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import { ErrorNote } from '../shell/ErrorNote.tsx';
import { useShell } from '../shell/store.ts';
import { BackupRestore } from './BackupRestore.tsx';
import { DataFolder } from './DataFolder.tsx';
import { IdentityPanel } from './IdentityPanel.tsx';
import { RulesPanel } from './RulesPanel.tsx';
import { StagesPanel } from './StagesPanel.tsx';
import {
  rulesChanged,
  stagesChanged,
  useSettingsDrafts,
  type SettingsTab,
} from './store.ts';
import './settings.css';

type Settings = ResultOf<'settings:get'>;

const tabs: { id: SettingsTab; label: string }[] = [
  { id: 'rules', label: 'Segment rules' },
  { id: 'stages', label: 'Board stages' },
  { id: 'identity', label: 'Identity' },
  { id: 'data', label: 'Data and backup' },
];

/**
 * Loads the settings into the drafts store. A draft with unsaved edits is
 * kept, with the freshly loaded values as what it is compared against.
 */
function applyLoaded(settings: Settings): void {
  const drafts = useSettingsDrafts.getState();
  if (rulesChanged(drafts.savedRules, drafts.rules) && drafts.rules) {
    useSettingsDrafts.setState({ savedRules: settings.segmentRules });
  } else {
    drafts.loadRules(settings.segmentRules);
  }
  if (stagesChanged(drafts.savedStages, drafts.stages)) {
    useSettingsDrafts.setState({ savedStages: settings.stages });
  } else {
    drafts.loadStages(settings.stages);
  }
}

function useSettings(version: number) {
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    invoke('settings:get', {}).then(
      (loaded) => {
        if (!current) return;
        applyLoaded(loaded);
        setSettings(loaded);
        setError(undefined);
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [version]);
  return { settings, setSettings, error };
}

function TabList(props: { dirty: Record<SettingsTab, boolean> }) {
  const tab = useSettingsDrafts((state) => state.tab);
  const setTab = useSettingsDrafts((state) => state.setTab);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((each) => each.id === tab);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const next = tabs[moves[event.key] ?? -1];
    if (!next) return;
    event.preventDefault();
    setTab(next.id);
    document.getElementById(`settings-tab-${next.id}`)?.focus();
  };
  return (
    <div className="settings-tabs" role="tablist" aria-label="Settings">
      {tabs.map((each) => (
        <button
          key={each.id}
          id={`settings-tab-${each.id}`}
          type="button"
          role="tab"
          aria-selected={tab === each.id}
          aria-controls={`settings-panel-${each.id}`}
          tabIndex={tab === each.id ? 0 : -1}
          onClick={() => setTab(each.id)}
          onKeyDown={onKeyDown}
        >
          {each.label}
          {props.dirty[each.id] && (
            <span className="settings-dot">
              <span className="visually-hidden"> (unsaved changes)</span>
            </span>
          )}
        </button>
      ))}
    </div>
  );
}

/**
 * Renders the settings screen: segment rules with a live preview, board
 * stages, the local identity, the data folder, and backup and restore.
 */
export function SettingsScreen() {
  const [version, setVersion] = useState(0);
  const { settings, setSettings, error } = useSettings(version);
  const tab = useSettingsDrafts((state) => state.tab);
  const drafts = useSettingsDrafts();
  const dirty: Record<SettingsTab, boolean> = {
    rules: rulesChanged(drafts.savedRules, drafts.rules),
    stages: stagesChanged(drafts.savedStages, drafts.stages),
    identity: false,
    data: false,
  };

  const restored = () => {
    useSettingsDrafts.getState().reset();
    useShell.getState().refreshBoard();
    setVersion(version + 1);
  };

  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <div className="settings-header">
        <h1 id="settings-title">Settings</h1>
        <TabList dirty={dirty} />
      </div>
      {error !== undefined && (
        <ErrorNote title="Could not load the settings" error={error} />
      )}
      {!settings && error === undefined && (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the settings…
        </p>
      )}
      {settings &&
        tabs.map((each) => (
          <div
            key={each.id}
            id={`settings-panel-${each.id}`}
            role="tabpanel"
            aria-labelledby={`settings-tab-${each.id}`}
            hidden={tab !== each.id}
            className="settings-tabpanel"
          >
            {tab === each.id && each.id === 'rules' && <RulesPanel />}
            {tab === each.id && each.id === 'stages' && <StagesPanel />}
            {tab === each.id && each.id === 'identity' && (
              <IdentityPanel
                key={version}
                identity={settings.identity}
                onSaved={(identity) => setSettings({ ...settings, identity })}
              />
            )}
            {tab === each.id && each.id === 'data' && (
              <>
                <DataFolder dataDir={settings.dataDir} />
                <BackupRestore
                  key={version}
                  dataDir={settings.dataDir}
                  onRestored={restored}
                />
              </>
            )}
          </div>
        ))}
    </section>
  );
}
