/**
 * `hiresim attribute`'s terminal view of a synthetic attribution: one sign convention in words
 * (years earlier or later, pp narrower or wider) in the table, the bars and the summary, and "not
 * measurable" instead of a zero where the horizon decides a closing-year difference.
 */
import { describe, expect, it } from 'vitest';
import { formatAttribution } from '../../src/output/attribute-terminal.js';
import { attributionOf, type AttributionSummary } from '../../src/studies/attribute.js';
import { column, tableAfter } from './table-columns.js';

const HORIZON = 2045;

/** Two levers, four replications: nothing closes without upskilling; tools alone closes nothing; tools makes it later with upskilling on. */
function fixture(): AttributionSummary {
  const levers = ['upskilling', 'tools'] as const;
  const parts = attributionOf(levers, HORIZON, {
    closingYear: [
      [null, null, null, null],
      [2033, 2034, 2033, 2034],
      [null, null, null, null],
      [2034, 2035, 2035, 2035],
    ],
    gap: [
      [0.5, 0.5, 0.5, 0.5],
      [0.2, 0.22, 0.18, 0.2],
      [0.45, 0.46, 0.44, 0.45],
      [0.1, 0.12, 0.08, 0.1],
    ],
  });
  return { scenario: { name: 'fixture', hash: '0123456789abcdef', file: 'fixture.yaml' }, seed: 7, replications: 4, scale: 50, startYear: 2025, baseYear: 2025, horizon: HORIZON, levers, year: 2030, method: 'a method', ...parts };
}

describe('formatAttribution', () => {
  const text = formatAttribution(fixture(), { color: false });
  const t = tableAfter(text, 'lever', 'closing year (Shapley)');

  it('says every closing-year difference in words, never as a bare signed number', () => {
    for (const name of ['closing year (Shapley)', 'alone on', 'alone off']) {
      for (const cell of column(t, name)) {
        if (cell === '') continue;
        expect(cell, name).toMatch(/^(not measurable[¹²³⁴⁵⁶⁷⁸⁹]+|(\d+\.\d years (earlier|later)|no difference)( ±\d+\.\d)?( ~)?( \*)?)$/);
      }
    }
    for (const cell of column(t, 'gap in 2030 (Shapley)')) expect(cell).toMatch(/^(\d+\.\d pp (narrower|wider)|no difference)( ±\d+\.\d)?( ~)?$/);
    expect(text).not.toMatch(/[−+]\d+\.\d years/);
  });

  it('uses one convention in the table, the bars and the summary', () => {
    // upskilling: φ = ½ (2033.5 − 2046) + ½ (2034.75 − 2046) ≈ 11.9 years earlier; tools: ≈ 0.6 years later.
    const [upskilling, tools] = t.rows;
    expect(upskilling[1]).toMatch(/^11\.9 years earlier ±\d\.\d \*$/);
    expect(tools[1]).toMatch(/^0\.6 years later ±\d\.\d( ~)? \*$/);
    expect(text).toMatch(/^ {2}upskilling █+ 11\.9 years earlier$/m);
    expect(text).toMatch(/^ {2}tools {6}▒+ 0\.6 years later$/m);
    expect(text).toContain('Largest contribution: upskilling, 11.9 years earlier (90% interval ');
    expect(column(t, 'gap in 2030 (Shapley)')[0]).toMatch(/^\d+\.\d pp narrower ±\d+\.\d$/);
  });

  it('flags a lever alone on as not measurable when both runs stay open, with how many replications', () => {
    expect(column(t, 'alone on')[1]).toBe('not measurable¹');
    expect(text).toContain('¹ not measurable: tools alone on: 4 of 4 replications do not close by 2045 with only this lever on (nor with every lever off), so the difference is 0 by construction.');
    // Where one of the two runs stays open, the value stands, marked as a bound.
    expect(column(t, 'alone on')[0]).toBe('12.5 years earlier *');
    expect(text).toContain('* a bound: in some replications a compared run does not close by 2045 and counts as closing in 2046.');
  });

  it('prints the draft note it is given', () => {
    expect(formatAttribution(fixture(), { color: false, note: 'Draft: a note.' })).toMatch(/\nDraft: a note\.\n$/);
  });
});

describe('formatAttribution with candidates per 100 recorded', () => {
  const base = fixture();
  const gaps = [
    [0.5, 0.5, 0.5, 0.5],
    [0.2, 0.22, 0.18, 0.2],
    [0.45, 0.46, 0.44, 0.45],
    [0.1, 0.12, 0.08, 0.1],
  ];
  const parts = attributionOf(base.levers, HORIZON, {
    closingYear: [
      [null, null, null, null],
      [2033, 2034, 2033, 2034],
      [null, null, null, null],
      [2034, 2035, 2035, 2035],
    ],
    gap: gaps,
    candidatesPer100: gaps.map((runs) => runs.map((g) => 100 * (1 - g))),
  });
  const text = formatAttribution({ ...base, ...parts }, { color: false });
  const t = tableAfter(text, 'lever', 'closing year (Shapley)');

  it('shows each lever as a factor on candidates per 100 open positions, never pp of the unbounded gap', () => {
    expect(t.header.at(-1)).toBe('per 100 in 2030 (Shapley)');
    for (const cell of column(t, 'per 100 in 2030 (Shapley)')) expect(cell).toMatch(/^×\d+\.\d\d \(×\d+\.\d\d–×\d+\.\d\d\)( ~)?$/);
    expect(text).not.toContain(' pp ');
    // All on ÷ all off: 90, 88, 92, 90 ÷ 50 per 100: a geometric mean of ×1.80 with a narrow interval.
    expect(column(t, 'per 100 in 2030 (Shapley)').at(-1)).toBe('×1.80 (×1.77–×1.83)');
  });
});
