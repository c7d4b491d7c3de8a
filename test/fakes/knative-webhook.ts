// Knative Serving's validating webhook (validation.webhook.serving.knative.dev), for the one rule
// meshbench's cold-start services meet: `autoscaling.knative.dev/initial-scale: "0"` is refused
// unless knative-serving/config-autoscaler has allow-zero-initial-scale true.
// - knative/serving@knative-v1.19.5 pkg/apis/autoscaling/annotation_validation.go validateInitialScale
//   ("=0 not allowed by cluster"), reached from revision_validation.go via spec.template.metadata.annotations;
// - pkg/autoscaler/config/config.go: cm.AsBool("allow-zero-initial-scale"), default false;
//   knative/pkg configmap/parse.go AsBool is strconv.ParseBool;
// - the text wrapped by knative/pkg validation_admit.go ("validation failed: %v") and the API
//   server's ToStatusErr (apiserver pkg/admission/plugin/webhook/errors/statuserror.go: code < 400 → 400).
// The real webhook reads the ConfigMap through an informer (it can lag a moment); this one reads the store.
import type { AdmissionHook } from './kube-api-server.ts';
import type { FakeKubeStore, StoredObject } from './kube-store.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';

const CONFIG_MAP = RESOURCE_TYPES.find((t) => t.groupVersion === 'v1' && t.kind === 'ConfigMap')!;
// pkg/apis/autoscaling/register.go: InitialScaleAnnotation accepts both spellings.
const INITIAL_SCALE_KEYS = ['autoscaling.knative.dev/initial-scale', 'autoscaling.knative.dev/initialScale'];

export function knativeWebhook(store: FakeKubeStore): AdmissionHook {
  return (object) => {
    if (object.apiVersion !== 'serving.knative.dev/v1' || object.kind !== 'Service') return undefined;
    const annotations = templateAnnotations(object);
    const key = INITIAL_SCALE_KEYS.find((k) => annotations[k] !== undefined);
    if (!key || annotations[key] !== '0') return undefined;
    const data = (store.get(CONFIG_MAP, 'knative-serving', 'config-autoscaler')?.data ?? {}) as Record<string, string>;
    if (parseBool(data['allow-zero-initial-scale']) === true) return undefined;
    return {
      code: 400,
      message: `admission webhook "validation.webhook.serving.knative.dev" denied the request: validation failed: invalid value: 0: spec.template.metadata.annotations.${key}=0 not allowed by cluster`,
    };
  };
}

function templateAnnotations(object: StoredObject): Record<string, string> {
  return (object.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template?.metadata?.annotations ?? {};
}

/** Go's strconv.ParseBool; undefined for what it rejects (AsBool then leaves the value false). */
function parseBool(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}
