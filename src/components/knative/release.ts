// Knative Serving release manifests, in apply order: CRDs first (so the core's objects have
// their kinds), then the core, then the ingress. Serving is released from github.com/knative; the
// ingress plugins (net-kourier, net-istio) from github.com/knative-extensions, with their own patch
// numbers (e.g. serving 1.10.6 with net-kourier 1.10.3 in the Knative 1.10 install docs), so their
// version is passed separately. Knative's install docs name them so (knative/docs snippets:
// artifact(repo="net-kourier", org="knative-extensions", file="kourier.yaml"), and net-istio's
// net-istio.yaml alike), at https://github.com/<org>/<repo>/releases/download/knative-v<version>/<file>.
import type { Profile } from '../../suite/schema.ts';

export const RELEASE_ORGS = { serving: 'https://github.com/knative', 'net-kourier': 'https://github.com/knative-extensions', 'net-istio': 'https://github.com/knative-extensions' } as const;

export interface KnativeVersions {
  serving: string;
  ingress: string;
}

function download(repo: keyof typeof RELEASE_ORGS, version: string, file: string): string {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`Knative version "${version}" is not MAJOR.MINOR.PATCH`);
  return `${RELEASE_ORGS[repo]}/${repo}/releases/download/knative-v${version}/${file}`;
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
