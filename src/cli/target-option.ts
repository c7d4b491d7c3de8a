import { Option } from 'commander';
import { TARGETS } from '../suite/schema.ts';

/** `--target local|kind|existing`, shared by run and plan; the suite's `target` is the default. */
export function targetOption(): Option {
  return new Option('--target <target>', "where to run (default: the suite's target)").choices(TARGETS);
}
