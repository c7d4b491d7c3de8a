// Test helper: the example nightly workflow (examples/github-actions/nightly.yml), as text and parsed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const WORKFLOW = fileURLToPath(new URL('../../examples/github-actions/nightly.yml', import.meta.url));
export const workflowText = readFileSync(WORKFLOW, 'utf8');

export interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

export const workflow = parse(workflowText) as {
  env: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
};

export const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
