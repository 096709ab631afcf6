/**
 * Figures quoted in docs/MODEL.md and README.md come from `npm run model-figures` (docs/figures.json):
 * a document that shows another value, or figures computed from other code, scenarios or data than
 * the committed ones, fail here until the script is run again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module shared with scripts/model-figures.mjs
import { formatFigure, inputsFingerprint, quotedFigures } from '../../scripts/figures-lib.mjs';
import { ROOT } from '../helpers/cli.js';

const figures = JSON.parse(readFileSync(join(ROOT, 'docs', 'figures.json'), 'utf8')) as Record<string, unknown>;

describe('quoted figures', () => {
  it('were computed from the committed model, scenarios and data (otherwise: npm run model-figures)', () => {
    expect(figures.fingerprint).toBe(inputsFingerprint(ROOT));
  });

  it.each(['docs/MODEL.md', 'README.md'])('%s shows every quoted figure as docs/figures.json has it', (doc) => {
    const quoted = quotedFigures(readFileSync(join(ROOT, doc), 'utf8')) as { name: string; format?: string; shown: string }[];
    expect(quoted.length).toBeGreaterThanOrEqual(doc === 'README.md' ? 2 : 20);
    const wrong = quoted.filter((q) => formatFigure(q.name, figures[q.name], q.format) !== q.shown).map((q) => `${q.name}: shows "${q.shown.trim().slice(0, 40)}"`);
    expect(wrong).toEqual([]);
  });
});
