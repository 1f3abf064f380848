import { describe, expect, it } from 'vitest';
import {
  matchShortcut,
  shortcutHelp,
  type KeyPress,
} from '../../../src-renderer/shell/shortcuts.ts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inTextField: false,
  ...extra,
});

describe('matchShortcut', () => {
  it.each([
    ['k', 'search'],
    ['K', 'search'],
    ['n', 'newClient'],
    ['1', 'board'],
    ['2', 'playbooks'],
    ['3', 'settings'],
  ])('maps Ctrl+%s to %s', (key, command) => {
    expect(matchShortcut(press(key, { ctrlKey: true }))).toBe(command);
    expect(matchShortcut(press(key, { metaKey: true }))).toBe(command);
  });

  it('maps Ctrl+Shift+P to the command palette', () => {
    const shifted = { ctrlKey: true, shiftKey: true };
    expect(matchShortcut(press('P', shifted))).toBe('commands');
    expect(matchShortcut(press('p', { ...shifted, inTextField: true }))).toBe(
      'commands',
    );
    expect(matchShortcut(press('p', { ctrlKey: true }))).toBeUndefined();
    expect(matchShortcut(press('P', { shiftKey: true }))).toBeUndefined();
  });

  it('works with a modifier inside text fields', () => {
    expect(
      matchShortcut(press('k', { ctrlKey: true, inTextField: true })),
    ).toBe('search');
  });

  it('shows the list on ? outside text fields only', () => {
    expect(matchShortcut(press('?'))).toBe('shortcuts');
    expect(matchShortcut(press('?', { inTextField: true }))).toBeUndefined();
  });

  it('ignores plain keys and Alt combinations', () => {
    expect(matchShortcut(press('k'))).toBeUndefined();
    expect(matchShortcut(press('4', { ctrlKey: true }))).toBeUndefined();
    expect(
      matchShortcut(press('k', { ctrlKey: true, altKey: true })),
    ).toBeUndefined();
  });

  it('documents every window-wide shortcut', () => {
    const actions = shortcutHelp.flatMap((group) =>
      group.items.map((item) => item.action),
    );
    expect(actions).toContain('Search clients');
    expect(actions).toContain('New client');
    expect(actions).toContain('Command palette');
    expect(actions).toContain('Show this list');
  });
});
