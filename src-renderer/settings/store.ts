import { create } from 'zustand';
import type { SegmentRules } from '../../src-shared/segments/table.ts';

/**
 * Drafts of the settings screen's editors. They live outside the screen,
 * so that unsaved edits survive a visit to another screen.
 */
export type SettingsTab = 'rules' | 'stages' | 'identity' | 'data';

type DraftState = {
  /** The tab shown when the screen opens again. */
  tab: SettingsTab;
  setTab: (tab: SettingsTab) => void;
  /** The rules as last loaded or saved; undefined until loaded. */
  savedRules: SegmentRules | undefined;
  rules: SegmentRules | undefined;
  savedStages: string[] | undefined;
  stages: StageDraft[] | undefined;
  loadRules: (rules: SegmentRules) => void;
  setRules: (rules: SegmentRules) => void;
  loadStages: (stages: string[]) => void;
  setStages: (stages: StageDraft[]) => void;
  /** Forgets every draft, such as after a restore replaced the data. */
  reset: () => void;
};

/**
 * A stage in the draft list. `original` is the saved name it started as
 * (absent for a new stage), so a rename is distinct from a remove and an add.
 */
export type StageDraft = { id: number; name: string; original?: string };

let nextStageId = 1;

export function stageDrafts(stages: readonly string[]): StageDraft[] {
  return stages.map((name) => ({ id: nextStageId++, name, original: name }));
}

export function newStageDraft(name: string): StageDraft {
  return { id: nextStageId++, name };
}

export const useSettingsDrafts = create<DraftState>()((set) => ({
  tab: 'rules',
  setTab: (tab) => set({ tab }),
  savedRules: undefined,
  rules: undefined,
  savedStages: undefined,
  stages: undefined,
  loadRules: (rules) => set({ savedRules: rules, rules }),
  setRules: (rules) => set({ rules }),
  loadStages: (stages) =>
    set({ savedStages: stages, stages: stageDrafts(stages) }),
  setStages: (stages) => set({ stages }),
  reset: () =>
    set({
      savedRules: undefined,
      rules: undefined,
      savedStages: undefined,
      stages: undefined,
    }),
}));

/** Serializes a JSON value with its object keys sorted. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return item;
    }
    const entries = Object.entries(item as Record<string, unknown>);
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  });
}

/**
 * Returns true when the draft rules differ from the saved ones. Key order
 * is ignored: the saved rules come back in the schema's order.
 */
export function rulesChanged(
  saved: SegmentRules | undefined,
  draft: SegmentRules | undefined,
): boolean {
  return stableJson(saved) !== stableJson(draft);
}

export function stagesChanged(
  saved: readonly string[] | undefined,
  draft: readonly StageDraft[] | undefined,
): boolean {
  if (!saved || !draft) return false;
  const names = draft.map((stage) => stage.name.trim());
  return JSON.stringify(saved) !== JSON.stringify(names);
}
