// Published per-component figures (REFERENCE.md, "Published figures to compare against"), so a
// report can set our number beside the vendor's. Anchors only: the vendors' test shapes differ
// from a user's suite, so a figure far from its anchor is a question, never a failure.
import { isLegacyIstio } from '../components/istio/install.ts';
import type { Profile } from '../suite/schema.ts';
import type { OverheadMeasure, PublishedAnchor } from './types.ts';

/** Components that are the Istio sidecar proxy, by the names the targets sample them under. */
export const SIDECAR_COMPONENTS: ReadonlySet<string> = new Set(['istio-proxy', 'sidecar', 'proxy']);

// "X vCPU per 1000 rps" is X CPU-seconds each second per 1000 requests each second, that is X
// CPU-seconds per 1000 requests. Memory is published in MB, read here as 10^6 bytes.
const MB_IN_MIB = 1e6 / 2 ** 20;

interface Figure {
  cpu: number;
  memoryMB?: number;
  what: string;
  source: string;
}

const ISTIO_1_24 = 'istio.io performance page';
const ISTIO_1_4 = 'istio.io v1.4 performance page';

const SIDECAR_LEGACY: Figure = { cpu: 0.5, memoryMB: 50, what: 'Istio 1.4.6: sidecar', source: ISTIO_1_4 };
const SIDECAR_CURRENT: Figure = { cpu: 0.2, memoryMB: 60, what: 'Istio 1.24: sidecar', source: ISTIO_1_24 };
const MIXER: Figure = { cpu: 0.6, what: 'Istio 1.4.6: Mixer (istio-telemetry)', source: ISTIO_1_4 };
const BY_COMPONENT: Record<string, Figure> = {
  ztunnel: { cpu: 0.06, memoryMB: 12, what: 'Istio 1.24: ztunnel', source: ISTIO_1_24 },
  waypoint: { cpu: 0.25, memoryMB: 60, what: 'Istio 1.24: waypoint', source: ISTIO_1_24 },
  'istio-telemetry': MIXER,
  mixer: MIXER,
};

/** Istio ≤ 1.4 (the Mixer era) had a heavier sidecar than today's. */
function legacySidecar(profile: Profile): boolean {
  return profile.mesh.telemetry === 'mixer' || isLegacyIstio(profile.mesh.version ?? '');
}

/** The published figure for a component's own cost on `profile`, when one exists for the measure. */
export function publishedAnchor(component: string, measure: OverheadMeasure, profile: Profile): PublishedAnchor | undefined {
  const figure = SIDECAR_COMPONENTS.has(component)
    ? legacySidecar(profile)
      ? SIDECAR_LEGACY
      : SIDECAR_CURRENT
    : BY_COMPONENT[component];
  if (!figure) return undefined;
  const perRps = figure === MIXER ? 'per 1000 mesh-wide rps' : 'per 1000 rps';
  if (measure === 'cpu-seconds-per-1000-requests') {
    return { value: figure.cpu, source: `${figure.what} ${figure.cpu.toFixed(2)} vCPU ${perRps} (${figure.source})` };
  }
  if (measure === 'memory-mib' && figure.memoryMB !== undefined) {
    return { value: figure.memoryMB * MB_IN_MIB, source: `${figure.what} ${figure.memoryMB} MB ${perRps} (${figure.source})` };
  }
  return undefined;
}
