import type { Command } from 'commander';

/** The sample-data options of `--simulate`, shared by diff and review so their defaults read alike. */
export function simulationOptions(command: Command): Command {
  return command
    .option('--seed <n>', 'random seed for --simulate (default: crmflow.yaml simulate.seed, else 42)')
    .option('--cases <n>', 'cases per simulation for --simulate (default: crmflow.yaml simulate.cases, else the sample data rows, else 1000)')
    .option('--runs <n>', 'replications a side for --simulate, on common random numbers like simulate --compare; each change is tested with Welch\'s t-test (default 5; 1 runs once and tests nothing)')
    .option('--data <file>', 'sample cases for --simulate (default: crmflow.yaml simulate.data, read from the working tree)');
}
