/**
 * The commands, in the order `crmflow --help` lists them. Each module only declares its
 * options; the work (and any heavy import) happens inside its action.
 */
import type { Command } from 'commander';
import { register as init } from './init.js';
import { register as validate } from './validate.js';
import { register as lint } from './lint.js';
import { register as explain } from './explain.js';
import { register as render } from './render.js';
import { register as simulate } from './simulate.js';
import { register as calibrate } from './calibrate.js';
import { register as conform } from './conform.js';
import { register as schema } from './schema.js';
import { register as fields } from './fields.js';
import { register as diff } from './diff.js';
import { register as review } from './review.js';
import { register as exportBpmn } from './export.js';
import { register as importBpmn } from './import.js';
import { register as gitDiff } from './git-diff.js';
import { register as discover } from './discover.js';
import { register as site } from './site.js';
import { register as roles } from './roles.js';

export const commands: Array<(program: Command) => void> = [
  init,
  validate,
  lint,
  explain,
  render,
  site,
  roles,
  simulate,
  calibrate,
  conform,
  fields,
  schema,
  diff,
  review,
  exportBpmn,
  importBpmn,
  discover,
  gitDiff,
];
