/**
 * The one XML escaper (src/model/escape.ts) against an independent strict XML 1.0 parser:
 * resvg's roxmltree refuses malformed documents and characters XML cannot hold. And the
 * validation finding that keeps control characters out of names in the first place.
 */
import { Resvg } from '@resvg/resvg-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../src/model/escape.js';
import { buildProject } from '../../src/model/project.js';

/** Throws when the document is not well-formed XML. */
function parseStrict(xml: string): void {
  new Resvg(xml, { font: { loadSystemFonts: false } });
}

const svgWith = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>${escapeXml(text)}</title><text data-name="${escapeXml(text)}" data-other='${escapeXml(text)}'>${escapeXml(text)}</text></svg>`;

const ODD = [
  '',
  'Approve\u0007',
  '\u0000\u0001\u001f\u007f\u0085\u009f',
  'a & b < c > d " e \' f',
  '&amp; &#7; &lt;',
  ']]> <![CDATA[ x ]]>',
  '<script>alert(1)</script>',
  'line\r\nbreak\ttab',
  '\uFFFE\uFFFF',
  '\uD800 lone high, lone low \uDC00',
  '\uD83D\uDE00 a pair is fine',
  '折扣审批 → 经理 ✔',
  '\u202Eright-to-left override',
];

describe('escapeXml', () => {
  it('the reference parser refuses what the escaper must prevent', () => {
    expect(() => parseStrict('<svg xmlns="http://www.w3.org/2000/svg"><text>\u0007</text></svg>')).toThrow();
    expect(() => parseStrict('<svg xmlns="http://www.w3.org/2000/svg"><text>a & b</text></svg>')).toThrow();
  });

  for (const text of ODD) {
    it(`keeps the document well-formed for ${JSON.stringify(text)}`, () => {
      expect(() => parseStrict(svgWith(text))).not.toThrow();
    });
  }

  it('keeps the document well-formed for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        parseStrict(svgWith(text));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves ordinary text readable', () => {
    expect(escapeXml('Tom & Jerry <sales> "quoted" it\'s')).toBe('Tom &amp; Jerry &lt;sales&gt; &quot;quoted&quot; it&#39;s');
    expect(escapeXml('Approve\u0007')).toBe('Approve\uFFFD');
    expect(escapeXml('\uD83D\uDE00')).toBe('\uD83D\uDE00');
  });
});

describe('control-character', () => {
  const process = (name: string) => `crmflow: 1
id: quote
layer: operation
description: |
  Two lines,
  and a\ttab: text, not a finding.
steps:
  - id: start
    type: start
    name: ${JSON.stringify(name)}
    next: done
  - id: done
    type: end
`;
  const findings = (name: string) => buildProject({ root: '/p', files: [{ path: 'processes/quote.yaml', bytes: process(name) }] }).findings;

  it('reports a name holding \\u0007 where it is, quoting it visibly', () => {
    const [f, ...rest] = findings('Approve\u0007');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'control-character', severity: 'error', line: 10, column: 11 });
    expect(f!.message).toBe('name "Approve\\u0007" contains the control character U+0007; remove it (control characters break the SVG, PNG and BPMN output)');
  });

  it('reports C1 controls and DEL too, and nothing for tab and line feed', () => {
    expect(findings('a\u0085').map((f) => f.rule)).toEqual(['control-character']);
    expect(findings('a\u007f').map((f) => f.rule)).toEqual(['control-character']);
    expect(findings('Approve 审批').filter((f) => f.severity === 'error')).toEqual([]);
  });
});
