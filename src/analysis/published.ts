// Which published figure (published-figures.ts) a component's own cost is read against, so a
// report can set our number beside the vendor's. Anchors only: the vendors' test shapes differ
// from a user's suite, so a figure far from its anchor is a question, never a failure.
import { isLegacyIstio } from '../components/istio/install.ts';
import type { Profile } from '../suite/schema.ts';
import { PUBLISHED_FIGURES, type PublishedFigure } from './published-figures.ts';
import type { OverheadMeasure, PublishedAnchor } from './types.ts';

/** Components that are the Istio sidecar proxy, by the names the targets sample them under. */
export const SIDECAR_COMPONENTS: ReadonlySet<string> = new Set(['istio-proxy', 'sidecar', 'proxy']);

// "X vCPU per 1000 rps" is X CPU-seconds each second per 1000 requests each second, that is X
// CPU-seconds per 1000 requests. Memory is published in MB, read here as 10^6 bytes.
export const MB_IN_MIB = 1e6 / 2 ** 20;

/** The published component a sampled component is, or undefined when nothing is published for it. */
export function figureComponent(sampled: string): PublishedFigure['component'] | undefined {
  if (SIDECAR_COMPONENTS.has(sampled)) return 'sidecar';
  if (sampled === 'istio-telemetry' || sampled === 'mixer') return 'mixer';
  return (['ztunnel', 'waypoint', 'queue-proxy', 'activator'] as const).find((name) => name === sampled);
}

/** Istio ≤ 1.4 (the Mixer era) had a heavier sidecar than today's. */
function legacySidecar(profile: Profile): boolean {
  return profile.mesh.telemetry === 'mixer' || isLegacyIstio(profile.mesh.version ?? '');
}

type AnchorKind = 'cpu-per-1000-rps' | 'memory-mb';

// The istio.io figure for the release a profile runs: Istio 1.24's page for today's data plane,
// 1.4.6's for the Mixer era (Mixer itself was only ever published there).
const ANCHOR_IDS: Record<string, Partial<Record<AnchorKind, string>>> = {
  sidecar: { 'cpu-per-1000-rps': 'istio-1.24-sidecar-cpu', 'memory-mb': 'istio-1.24-sidecar-memory' },
  'legacy sidecar': { 'cpu-per-1000-rps': 'istio-1.4-sidecar-cpu', 'memory-mb': 'istio-1.4-sidecar-memory' },
  ztunnel: { 'cpu-per-1000-rps': 'istio-1.24-ztunnel-cpu', 'memory-mb': 'istio-1.24-ztunnel-memory' },
  waypoint: { 'cpu-per-1000-rps': 'istio-1.24-waypoint-cpu', 'memory-mb': 'istio-1.24-waypoint-memory' },
  mixer: { 'cpu-per-1000-rps': 'istio-1.4-mixer-cpu' },
};

const BY_ID = new Map(PUBLISHED_FIGURES.map((figure) => [figure.id, figure]));

/**
 * The published figure a sampled component's own CPU or memory on `profile` is read against, or
 * undefined when none is published for that component and kind.
 */
export function publishedFigure(component: string, kind: AnchorKind, profile: Profile): PublishedFigure | undefined {
  const published = figureComponent(component);
  if (published === undefined) return undefined;
  const key = published === 'sidecar' && legacySidecar(profile) ? 'legacy sidecar' : published;
  const id = ANCHOR_IDS[key]?.[kind];
  return id === undefined ? undefined : BY_ID.get(id);
}

/** "per 1000 rps", or per 1000 mesh-wide rps for Mixer, which served the whole mesh. */
export function perRpsLabel(figure: PublishedFigure): string {
  return figure.component === 'mixer' ? 'per 1000 mesh-wide rps' : 'per 1000 rps';
}

const ANCHOR_KIND: Partial<Record<OverheadMeasure, AnchorKind>> = {
  'cpu-seconds-per-1000-requests': 'cpu-per-1000-rps',
  'memory-mib': 'memory-mb',
};

/** The published figure for a component's own cost on `profile`, in the row's unit, when one exists for the measure. */
export function publishedAnchor(component: string, measure: OverheadMeasure, profile: Profile): PublishedAnchor | undefined {
  const kind = ANCHOR_KIND[measure];
  const figure = kind === undefined ? undefined : publishedFigure(component, kind, profile);
  if (!figure) return undefined;
  return anchorValue(figure);
}

function anchorValue(figure: PublishedFigure): PublishedAnchor | undefined {
  const { measure } = figure;
  const head = `${figure.release}: ${figure.what}`;
  if (measure.kind === 'cpu-per-1000-rps') return { value: measure.value, source: `${head} ${measure.value.toFixed(2)} vCPU ${perRpsLabel(figure)} (${figure.source})` };
  // istio.io words it "60 MB per 1000 rps", but memory does not grow with requests: it was measured at that load.
  if (measure.kind === 'memory-mb') return { value: measure.value * MB_IN_MIB, source: `${head} ${measure.value} MB at 1000 rps (${figure.source})` };
  return undefined;
}
