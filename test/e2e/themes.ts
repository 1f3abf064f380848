/**
 * Screenshots of a screen in both themes, each checked with axe-core for
 * serious and critical violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './harness.ts';

const themes = ['light', 'dark'] as const;
type Theme = (typeof themes)[number];

/** Returns the page's serious and critical axe findings, one line each. */
export async function seriousViolations(
  page: Page,
  label: string,
): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter(
      (violation) =>
        violation.impact === 'serious' || violation.impact === 'critical',
    )
    .map(
      (violation) =>
        `${label}: ${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/**
 * Switches to each theme, through the Theme setting or the system colour
 * scheme, saves `test-results/screenshots/NAME-THEME.png` and expects no
 * serious axe finding.
 */
export async function checkThemes(
  page: Page,
  name: string,
  switchBy: 'setting' | 'system',
): Promise<void> {
  for (const theme of themes) {
    await switchTheme(page, theme, switchBy);
    await page.screenshot({
      path: `test-results/screenshots/${name}-${theme}.png`,
    });
    expect(await seriousViolations(page, theme)).toEqual([]);
  }
}

async function switchTheme(
  page: Page,
  theme: Theme,
  switchBy: 'setting' | 'system',
): Promise<void> {
  if (switchBy === 'setting') {
    await page.getByLabel('Theme', { exact: true }).selectOption(theme);
  } else {
    await page.emulateMedia({ colorScheme: theme });
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}
