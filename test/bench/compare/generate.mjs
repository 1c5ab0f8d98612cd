/**
 * Deterministic generator of realistic operation-layer processes for the benchmarks:
 * tasks, approvals with rejection paths, decisions with CEL conditions, waits with
 * timeouts, SLAs with breach paths, a loop back now and then, and two ends.
 */

/** mulberry32: a tiny seeded PRNG, so every run benches the same processes. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ROLES = ['sales-rep', 'sales-manager', 'legal', 'finance', 'support'];
const VERBS = ['Check', 'Prepare', 'Review', 'Send', 'Confirm', 'Qualify', 'Update', 'Call', 'Draft', 'Verify', 'Record', 'Schedule'];
const NOUNS = ['lead', 'quote', 'contract', 'invoice', 'discount', 'order', 'account', 'ticket', 'payment', 'demo', 'proposal', 'renewal'];

export const CONFIG = `crmflow: 1
roles:
${ROLES.map((r, i) => `  ${r}: { headcount: ${i + 2} }`).join('\n')}
`;

/**
 * A process with `n` body steps. Step ids are `s1`…`sn` plus `start`, `won`, `lost`.
 * `names` lets a caller pin step names (for the diff bench's rename).
 */
export function processYaml(id, n, seed, { name, sla = '4h', ids } = {}) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const sid = (i) => (ids?.[i] ?? `s${i}`);
  const lines = [
    'crmflow: 1',
    `id: ${id}`,
    `name: ${JSON.stringify(name ?? `Process ${id}`)}`,
    'layer: operation',
    'owner: sales-manager',
    'steps:',
    '  - id: start',
    '    type: start',
    '    name: Request received',
    '    arrivals: { every: 2h }',
    `    next: ${sid(1)}`,
  ];
  const next = (i) => (i >= n ? 'won' : sid(i + 1));
  for (let i = 1; i <= n; i++) {
    const kind = i === n ? 'task' : pick(['task', 'task', 'task', 'approval', 'decision', 'wait']);
    const label = `${pick(VERBS)} ${pick(NOUNS)} ${i}`;
    lines.push(`  - id: ${sid(i)}`, `    type: ${kind}`, `    name: ${JSON.stringify(label)}`);
    if (kind === 'task' || kind === 'approval') {
      lines.push(`    role: ${pick(ROLES)}`, `    duration: { dist: lognormal, median: ${1 + Math.floor(r() * 4)}h, p90: ${6 + Math.floor(r() * 20)}h }`);
      if (i === 2) lines.push(`    sla: { within: ${sla}, breach: ${next(i)} }`);
      if (kind === 'approval') lines.push(`    on: { rejected: { next: ${i > 2 && r() < 0.5 ? sid(i - 1) : 'lost'}, probability: 0.1 } }`);
      lines.push(`    next: ${next(i)}`);
    } else if (kind === 'decision') {
      lines.push('    branches:', `      - when: case.amount > ${Math.floor(r() * 50) * 1000}`, `        probability: 0.${1 + Math.floor(r() * 8)}`, `        next: ${next(i)}`, `      - else: ${i + 2 <= n ? sid(i + 2) : 'lost'}`);
    } else {
      lines.push('    message: customer-reply', '    timeout: 3d', '    on: { timeout: lost }', `    next: ${next(i)}`);
    }
  }
  lines.push('  - id: won', '    type: end', '    outcome: won', '  - id: lost', '    type: end', '    outcome: lost', '');
  return lines.join('\n');
}
