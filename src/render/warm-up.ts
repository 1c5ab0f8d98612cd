/**
 * A small made-up process whose graph a layout thread gives ELK while the main thread is still
 * loading the project: V8 runs a function first in its interpreter, and ELK's first layout takes
 * about twice as long as later ones, so the real diagram then meets warm code. It has the edges
 * people's processes have (a decision, a rejection path, an SLA breach, a timeout, a fork and
 * join, a loop back). ELK starts every layout afresh (fixed random seed), so diagrams come out
 * the same with or without it.
 */
import type { Step } from '../model/types.js';
import { outgoing } from '../model/graph.js';
import { ELK_OPTIONS, elk } from './layout.js';

const STEPS: Step[] = [
  { id: 'start', type: 'start', name: 'Request in', next: 'qualify' },
  { id: 'qualify', type: 'task', name: 'Qualify the request', role: 'rep', next: 'size', sla: { within: '4h', breach: 'escalate' } },
  { id: 'size', type: 'decision', name: 'How big?', branches: [{ when: 'case.amount > 10000', next: 'approve' }, { else: 'quote' }] },
  { id: 'approve', type: 'approval', name: 'Approve the discount', role: 'manager', next: 'quote', on: { rejected: 'lost' } },
  { id: 'escalate', type: 'task', name: 'Escalate', role: 'manager', next: 'quote' },
  { id: 'quote', type: 'task', name: 'Send the quote', role: 'rep', next: 'reply' },
  { id: 'reply', type: 'wait', name: 'Customer reply', message: 'reply', timeout: '3d', on: { timeout: 'lost' }, next: 'split' },
  { id: 'split', type: 'parallel', name: 'Contract and invoice', branches: ['contract', 'invoice'], join: 'both' },
  { id: 'contract', type: 'task', name: 'Draw up the contract', role: 'legal', next: 'both', on: { changes: 'quote' } },
  { id: 'invoice', type: 'task', name: 'Issue the invoice', role: 'finance', next: 'both' },
  { id: 'both', type: 'join', name: 'Both done', next: 'won' },
  { id: 'won', type: 'end', name: 'Won', outcome: 'won' },
  { id: 'lost', type: 'end', name: 'Lost', outcome: 'lost' },
];

/**
 * Runs ELK's layered layout once on the made-up process's graph, with crmflow's options; the
 * result is thrown away. Only ELK: crmflow's own routing of even a small process costs more
 * than the main thread takes to load a project, and the real diagram would wait for it.
 * Skipped when `needed()` says a real diagram came in while elkjs loaded: it would wait too.
 */
export async function warmUp(needed: () => boolean = () => false): Promise<void> {
  const api = await elk();
  // Let a diagram posted meanwhile arrive.
  await new Promise((resolve) => setImmediate(resolve));
  if (needed()) return;
  const edges = STEPS.flatMap((s) => outgoing(s));
  await api.layout({
    id: 'root',
    layoutOptions: ELK_OPTIONS,
    children: STEPS.map((s) => ({ id: s.id, width: s.type === 'task' || s.type === 'approval' ? 130 : 46, height: 56 })),
    edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
}
