/**
 * Every lint rule, sorted by id. Explicit on purpose: nothing scans the disk at start-up,
 * and adding a rule is one import and one entry here.
 */
import type { Rule } from '../types.js';
import { rule as approvalMode } from './approval-mode.js';
import { rule as approvalTierGap } from './approval-tier-gap.js';
import { rule as deadEnd } from './dead-end.js';
import { rule as duplicateStep } from './duplicate-step.js';
import { rule as exceptionPathMissing } from './exception-path-missing.js';
import { rule as kpiUnknownStep } from './kpi-unknown-step.js';
import { rule as layerOrder } from './layer-order.js';
import { rule as maxSteps } from './max-steps.js';
import { rule as missingOwner } from './missing-owner.js';
import { rule as noExitLoop } from './no-exit-loop.js';
import { rule as orphanProcess } from './orphan-process.js';
import { rule as parallelEscape } from './parallel-escape.js';
import { rule as pingPongHandoff } from './ping-pong-handoff.js';
import { rule as slaWithoutBreachPath } from './sla-without-breach-path.js';
import { rule as unreachableStep } from './unreachable-step.js';

export const rules: readonly Rule[] = [
  approvalMode,
  approvalTierGap,
  deadEnd,
  duplicateStep,
  exceptionPathMissing,
  kpiUnknownStep,
  layerOrder,
  maxSteps,
  missingOwner,
  noExitLoop,
  orphanProcess,
  parallelEscape,
  pingPongHandoff,
  slaWithoutBreachPath,
  unreachableStep,
];

/** Rules by id. */
export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));

/** The recommended set (DESIGN §6): every rule at its default level. */
export const RECOMMENDED: readonly string[] = rules.map((r) => r.id);
