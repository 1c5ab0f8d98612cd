// LoanApp calibration figures (not a test): calibrate on LoanApp_simplified_train, simulate the
// calibrated process 10 times (seeds 1..10, as many cases as the test log), compare each run with
// LoanApp_simplified_test and print the means. Targets: cycle-time distance ≤ 1.2 h (noise floor
// 0.60 h, naive 2.07 h), 3-gram distance ≤ 0.06, branch frequencies within ±0.03 of the log's.
// Run with `npm run bench:calibrate` after `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
if (!existsSync(`${root}dist/calibrate/index.js`)) {
  console.error('run npm run build first');
  process.exit(2);
}
const { loadProject } = await import(`${root}dist/model/load.js`);
const { readEventLog } = await import(`${root}dist/log/index.js`);
const C = await import(`${root}dist/calibrate/index.js`);
const fx = `${root}test/fixtures`;
const P = 'loan-application';
const project = await loadProject({ cwd: `${fx}/loanapp` });
const train = await readEventLog(`${fx}/event-logs/LoanApp_simplified_train.csv.gz`, { name: 'LoanApp_simplified_train.csv.gz' });
const test = await readEventLog(`${fx}/event-logs/LoanApp_simplified_test.csv.gz`, { name: 'LoanApp_simplified_test.csv.gz' });
const { calibration } = C.calibrate(project, P, train);
const runs = Number(process.argv[2] ?? 10);
const branchSteps = ['return-application-back-to-applicant', 'reject-application', 'approve-application', 'cancel-application'];
const rows = [];
for (let seed = 1; seed <= runs; seed++) {
  const run = C.calibratedRun(project, calibration, { cases: test.cases.length, seed });
  const { against } = await C.simulateAgainst(run.project, P, test, { ...run.options, cases: test.cases.length, seed, workers: false });
  const per = Object.fromEntries(branchSteps.map((s) => [s, against.steps.find((x) => x.step === s)?.simulated.perCase ?? 0]));
  rows.push({ seed, cycleTimeDistance: against.cycleTimeDistance, ngram3Distance: against.ngram3Distance, per });
  console.log(`seed ${seed}: cycle-time distance ${against.cycleTimeDistance.toFixed(3)} h, 3-gram distance ${against.ngram3Distance.toFixed(4)}`);
}
const mean = (f) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
console.log(`mean of ${runs}: cycle-time distance ${mean((r) => r.cycleTimeDistance).toFixed(3)} h, 3-gram distance ${mean((r) => r.ngram3Distance).toFixed(4)}`);
for (const s of branchSteps) {
  const observed = (calibration.steps[`${P}/${s}`]?.observations ?? 0) / train.cases.length;
  const simulated = mean((r) => r.per[s]);
  console.log(`${s}: per case ${simulated.toFixed(4)} simulated, ${observed.toFixed(4)} in the training log (difference ${(simulated - observed).toFixed(4)})`);
}
