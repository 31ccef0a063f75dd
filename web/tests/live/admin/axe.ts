// axe-core in the page: the violations that matter (serious, critical).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousViolations(page: Page): Promise<Violation[]> {
  // The admin's CSP refuses inline scripts, so axe is evaluated through the
  // DevTools protocol (which CSP does not govern) rather than as a tag.
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(await readFile(axePath, 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<unknown> } }).axe;
    // React Aria's live announcer says "pending" through a node labelled by
    // the pressed button for a few seconds; once the screen has moved on,
    // the label's target is gone. The node is a transient live-region
    // message, not part of any screen.
    const context = { exclude: [['[role="log"][aria-live] > [role="img"]']] };
    return (await axe.run(context)) as {
      violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
    };
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}
