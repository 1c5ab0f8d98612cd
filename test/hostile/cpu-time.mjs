// Preloaded by test/hostile/run.ts: reports the CPU time the CLI used (all threads) on fd 3 at
// exit, so time limits hold on a loaded machine where wall time says little.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  try {
    writeSync(3, `${Math.round((user + system) / 1000)}\n`);
  } catch {
    // fd 3 is not open: run without the hostile harness.
  }
});
