import { Option } from 'commander';
import { COST_FLAGS, type CostInputKey, type CostOverrides } from '../analysis/cost.ts';
import { UsageError } from '../errors.ts';
import { COST_BOUNDS } from '../suite/bounds.ts';
import { costSchema } from '../suite/schema.ts';
import { terminalSafe } from '../text/terminal-safe.ts';

/** Commander's parsed values, under its attribute names (--vcpu-hour-price → vcpuHourPrice). */
export type CostFlags = Record<string, unknown>;

const DESCRIPTIONS: Record<CostInputKey, string> = {
  currency: 'cost model: currency code printed beside the money (default: the suite\'s cost.currency, else USD)',
  vcpuHour: 'cost model: price of one vCPU for an hour (overrides cost.vcpuHour)',
  gibHour: 'cost model: price of one GiB of memory for an hour (overrides cost.gibHour)',
  trafficRps: 'cost model: your requests per second through the mesh (overrides cost.trafficRps)',
  meshedPods: 'cost model: meshed pods, one sidecar each (overrides cost.meshedPods)',
  nodes: 'cost model: nodes, one ztunnel each (overrides cost.nodes)',
};

/**
 * The cost model's flags, shared by run and report: each checked against the suite's own bounds
 * (schema.ts costSchema) so a flag and a `cost:` key refuse the same values.
 */
export function costOptions(): Option[] {
  return KEYS.map(optionOf);
}

const KEYS = Object.keys(COST_FLAGS) as CostInputKey[];

function optionOf(key: CostInputKey): Option {
  const placeholder = key === 'currency' ? '<code>' : '<number>';
  return new Option(`${COST_FLAGS[key]} ${placeholder}`, DESCRIPTIONS[key]).argParser((text: string) => parseCostFlag(key, text));
}

const EXPECTED: Record<CostInputKey, string> = {
  currency: 'a three-letter currency code such as USD or EUR',
  vcpuHour: `a number above 0, at most ${COST_BOUNDS.pricePerHour.toLocaleString('en')}`,
  gibHour: `a number above 0, at most ${COST_BOUNDS.pricePerHour.toLocaleString('en')}`,
  trafficRps: `a number above 0, at most ${COST_BOUNDS.trafficRps.toLocaleString('en')}`,
  meshedPods: `a whole number from 1 to ${COST_BOUNDS.instances.toLocaleString('en')}`,
  nodes: `a whole number from 1 to ${COST_BOUNDS.instances.toLocaleString('en')}`,
};

function parseCostFlag(key: CostInputKey, text: string): string | number {
  const value = key === 'currency' ? text : text.trim() === '' ? Number.NaN : Number(text);
  const result = costSchema.shape[key].safeParse(value);
  if (result.success && result.data !== undefined) return result.data;
  throw new UsageError(`${COST_FLAGS[key]}: expected ${EXPECTED[key]}; got ${terminalSafe(JSON.stringify(text))}`);
}

/** The cost flags of a command's parsed options, and nothing else. */
export function costOverrides(options: CostFlags): CostOverrides {
  return Object.fromEntries(
    KEYS.flatMap((key) => {
      const value = options[optionOf(key).attributeName()];
      return value === undefined ? [] : [[key, value]];
    }),
  );
}
