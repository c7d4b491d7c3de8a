import { Option } from 'commander';

/** Flags of the kind and existing targets, shared by run and plan. */
export function clusterOptions(): Option[] {
  return [
    new Option('--keep-clusters', 'kind: keep the clusters this run created instead of deleting them at the end'),
    new Option('--reuse-clusters', 'kind: adopt existing meshbench-<profile> clusters instead of refusing them'),
    new Option('--kubeconfig <file>', 'existing: kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'),
    new Option('--context <name>', 'existing: kubeconfig context (default: its current context)'),
    new Option('--install', "existing: install the profiles' components (otherwise they must be there)"),
    new Option('--ingress-url <url>', 'existing: where the builtin driver sends load (the ingress, or a kubectl port-forward)'),
    new Option('--sample-interval <duration>', 'kind, existing: how often the kubelets\' /metrics/resource is read during a cell (default 5s; their readings change only every 10–30 s)'),
    new Option('--release-mirror <url|dir>', 'fetch Knative release manifests from here instead of GitHub (<repo>/releases/download/knative-v<version>/<file>, for serving, net-kourier and net-istio)'),
  ];
}
