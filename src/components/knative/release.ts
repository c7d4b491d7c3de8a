// Knative Serving release manifests, in apply order: CRDs first (so the core's objects have
// their kinds), then the core, then the ingress. Ingress plugins (net-kourier, net-istio) are
// released from their own repositories with their own patch numbers (e.g. serving 1.10.6 with
// net-kourier 1.10.3 in the Knative 1.10 install docs), so their version is passed separately.
import type { Profile } from '../../suite/schema.ts';

const RELEASES = 'https://github.com/knative';

export interface KnativeVersions {
  serving: string;
  ingress: string;
}

function download(repo: string, version: string, file: string): string {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`Knative version "${version}" is not MAJOR.MINOR.PATCH`);
  return `${RELEASES}/${repo}/releases/download/knative-v${version}/${file}`;
}

export function knativeReleaseManifests(profile: Profile, versions: KnativeVersions): string[] {
  if (profile.serving.type !== 'knative') throw new Error(`profile ${profile.name} does not use Knative`);
  const ingress =
    profile.serving.ingress === 'istio'
      ? download('net-istio', versions.ingress, 'net-istio.yaml')
      : download('net-kourier', versions.ingress, 'kourier.yaml');
  return [
    download('serving', versions.serving, 'serving-crds.yaml'),
    download('serving', versions.serving, 'serving-core.yaml'),
    ingress,
  ];
}
