// A fake `istioctl`: `version --remote=false` prints the bare client version, as istioctl does
// when the control-plane check is suppressed. `install` / `manifest apply` do what matters to a
// run: they create istiod in istio-system on the cluster of --kubeconfig (a fake API server) and
// print istioctl's progress lines.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fail, flag, record } from './common.ts';

const argv = process.argv.slice(2);
record('istioctl', argv);
if (argv[0] === 'version') {
  console.log(process.env.FAKE_ISTIOCTL_VERSION ?? '1.28.3');
} else if (argv[0] === 'install' || (argv[0] === 'manifest' && argv[1] === 'apply')) {
  await installIstiod(flag(argv, '--kubeconfig'));
  console.log('✔ Istio core installed ⛵️\n✔ Istiod installed 🧠\n✔ Ingress gateways installed 🛬\n✔ Installation complete');
} else {
  fail(`fake istioctl: unsupported: ${argv.join(' ')}`);
}

async function installIstiod(kubeconfig: string | undefined): Promise<void> {
  if (!kubeconfig) fail('Error: fetch Kubernetes config file: no kubeconfig');
  const config = parse(readFileSync(kubeconfig, 'utf8')) as {
    clusters: { cluster: { server: string } }[];
    users: { user: { token?: string } }[];
  };
  const server = config.clusters[0]!.cluster.server;
  const token = config.users[0]?.user.token;
  const apply = async (path: string, object: object) => {
    const response = await fetch(`${server}${path}?fieldManager=istio-operator&force=true`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/apply-patch+yaml', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(object),
    });
    if (!response.ok) fail(`Error: failed to apply ${path}: ${response.status} ${await response.text()}`);
  };
  await apply('/api/v1/namespaces/istio-system', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
  await apply('/apis/apps/v1/namespaces/istio-system/deployments/istiod', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod' } },
    spec: { replicas: 1, selector: { matchLabels: { app: 'istiod' } }, template: { metadata: { labels: { app: 'istiod' } }, spec: { containers: [{ name: 'discovery', image: 'docker.io/istio/pilot:1.28.3' }] } } },
  });
}
