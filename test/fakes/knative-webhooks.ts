// Knative Serving's admission webhooks as the API server calls them, with the two races that
// follow an install (serving knative-v1.19.5 config/core/webhooks/*.yaml: all failurePolicy Fail,
// all served by the `webhook` Service in knative-serving). Present once the `webhook` Deployment
// is in the store (a fake without Knative's install has no webhooks).
// - Unreachable: from the Deployment's creation (serving resources) and for `unreachableMs` after
//   it reports Available (ConfigMaps too): the pod is Ready before its Service routes to it, and
//   the API server fails closed with a 500.
// - Stale config: the validation webhook judges `initial-scale: "0"` by its own config store,
//   which an informer fills `informerLagMs` after config-autoscaler changes in the API server.
import { selects, type FakeKubeStore, type StoredObject } from './kube-store.ts';
import { RESOURCE_TYPES, type ResourceType } from './kube-resources.ts';

export interface KnativeWebhookOptions {
  /** How long after config-autoscaler changes the webhook's config store has the change (default 0). */
  informerLagMs?: number;
  /** How long after the webhook Deployment reports Available calls to it still fail (default 0). */
  unreachableMs?: number;
}

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  type: ResourceType;
  /** The object as it would be stored (after the apply merge); for DELETE, the stored one. */
  object: StoredObject;
  /** What is stored now (UPDATE, DELETE). */
  oldObject?: StoredObject | undefined;
}

/** The Status the API server answers a refused request with. */
export interface Refusal {
  code: number;
  reason: string;
  message: string;
  details?: object;
}

export interface KnativeWebhooks {
  /** The refusal of the webhooks this request goes through, if any. */
  admit(request: AdmissionRequest): Refusal | undefined;
  stop(): void;
}

const NAMESPACE = 'knative-serving';
// defaulting.yaml (mutating, CREATE/UPDATE) and resource-validation.yaml (CREATE/UPDATE/DELETE)
// match every resource of these groups the fake serves.
const RESOURCE_GROUPS = ['autoscaling.internal.knative.dev', 'networking.internal.knative.dev', 'serving.knative.dev'];
const DEFAULTING = { name: 'webhook.serving.knative.dev', path: '/defaulting' }; // cmd/webhook/main.go
const VALIDATION = { name: 'validation.webhook.serving.knative.dev', path: '/resource-validation' };
const CONFIG_VALIDATION = { name: 'config.webhook.serving.knative.dev', path: '/config-validation' };
// configmap-validation.yaml's objectSelector; apiserver v0.34.10
// pkg/admission/plugin/webhook/predicates/object/matcher.go matches the new or the old object.
const CONFIG_SELECTOR = 'app.kubernetes.io/name in (knative-serving),app.kubernetes.io/component in (autoscaler,controller,logging,networking,observability,tracing,net-certmanager)';
// Any address in kind's service range (10.96.0.0/16), as in kgateway-dev/kgateway#2152.
const WEBHOOK_ADDRESS = '10.96.63.217:443';
// pkg/apis/autoscaling/register.go: InitialScaleAnnotation's two spellings.
const INITIAL_SCALE_KEYS = ['autoscaling.knative.dev/initial-scale', 'autoscaling.knative.dev/initialScale'];

const typeOf = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((type) => type.groupVersion === groupVersion && type.kind === kind)!;

export function knativeWebhooks(store: FakeKubeStore, options: KnativeWebhookOptions = {}): KnativeWebhooks {
  const { informerLagMs = 0, unreachableMs = 0 } = options;
  let deployed = false;
  let availableAt: number | undefined; // performance.now() when the Deployment first reported Available
  // pkg/autoscaler/config/config.go: AllowZeroInitialScale defaults to false.
  let allowZeroInitialScale = false;
  const timers = new Set<NodeJS.Timeout>();

  const stops = [
    store.watch({ type: typeOf('apps/v1', 'Deployment'), namespace: NAMESPACE }, undefined, ({ type, object }) => {
      if (object.metadata.name !== 'webhook' || type === 'DELETED') return;
      deployed = true;
      if (availableAt === undefined && ((object.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0) > 0) availableAt = performance.now();
    }),
    store.watch({ type: typeOf('v1', 'ConfigMap'), namespace: NAMESPACE }, undefined, ({ type, object }) => {
      // knative/pkg configmap/informer/informed_watcher.go deleteConfigMapEvent: without a default, a delete changes nothing.
      if (object.metadata.name !== 'config-autoscaler' || type === 'DELETED') return;
      const data = (object.data as Record<string, string> | undefined) ?? {};
      const update = () => {
        // knative/pkg configmap/store.go OnConfigChanged: a config that fails to parse keeps the old one.
        const parsed = parseBool(data['allow-zero-initial-scale'] ?? 'false');
        if (parsed !== undefined) allowZeroInitialScale = parsed;
      };
      if (informerLagMs <= 0) return update();
      const timer = setTimeout(() => {
        timers.delete(timer);
        update();
      }, informerLagMs);
      timers.add(timer);
    }),
  ];

  const startingUp = () => availableAt === undefined || performance.now() < availableAt + unreachableMs;

  return {
    admit({ operation, type, object, oldObject }) {
      if (!deployed) return undefined;
      const group = type.groupVersion.split('/').length === 2 ? type.groupVersion.split('/')[0]! : '';
      if (RESOURCE_GROUPS.includes(group)) {
        // Mutating webhooks run before validating ones, and the defaulting one only on CREATE/UPDATE.
        if (startingUp()) return unreachable(operation === 'DELETE' ? VALIDATION : DEFAULTING);
        if (operation !== 'DELETE' && type.kind === 'Service' && group === 'serving.knative.dev') return validateInitialScale(object, allowZeroInitialScale);
        return undefined;
      }
      const configMap = type.groupVersion === 'v1' && type.kind === 'ConfigMap' && operation !== 'DELETE';
      const selected = [object, oldObject].some((candidate) => candidate && selects(CONFIG_SELECTOR, candidate.metadata.labels ?? {}));
      // Before the pod is Available its config webhook has no rules yet: the webhook pod fills them
      // in itself (knative/pkg webhook/configmaps/configmaps.go reconcile, rules on configmaps/*).
      if (configMap && selected && availableAt !== undefined && startingUp()) return unreachable(CONFIG_VALIDATION);
      return undefined;
    },
    stop() {
      for (const stop of stops) if (typeof stop === 'function') stop();
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

/**
 * apiserver v0.34.10: the dispatcher's ErrCallingWebhook ("failed to call webhook: %w",
 * validating|mutating/dispatcher.go), util/webhook/error.go ("failed calling webhook %q: %v"),
 * failing closed as apimachinery errors.go NewInternalError.
 */
function unreachable(hook: { name: string; path: string }): Refusal {
  const cause = `failed calling webhook "${hook.name}": failed to call webhook: Post "https://webhook.knative-serving.svc:443${hook.path}?timeout=10s": dial tcp ${WEBHOOK_ADDRESS}: connect: connection refused`;
  return { code: 500, reason: 'InternalError', message: `Internal error occurred: ${cause}`, details: { causes: [{ message: cause }] } };
}

/**
 * pkg/apis/autoscaling/annotation_validation.go validateInitialScale, reached from the revision
 * template (revision_validation.go ViaField "metadata.annotations", then "spec.template"), wrapped
 * by knative/pkg validation_admit.go ("validation failed: %v", MakeErrorStatus: 400 BadRequest) and
 * by the API server (admission/plugin/webhook/errors/statuserror.go ToStatusErr).
 */
function validateInitialScale(service: StoredObject, allowZero: boolean): Refusal | undefined {
  const annotations = (service.spec as { template?: { metadata?: { annotations?: Record<string, string> } } } | undefined)?.template?.metadata?.annotations ?? {};
  const key = INITIAL_SCALE_KEYS.find((candidate) => annotations[candidate] !== undefined);
  if (key === undefined || allowZero) return undefined;
  const value = annotations[key]!;
  if (!/^[+-]?\d+$/.test(value) || Number(value) !== 0) return undefined; // strconv.Atoi, then == 0
  const message = `validation failed: invalid value: ${value}: spec.template.metadata.annotations.${key}=0 not allowed by cluster`;
  return { code: 400, reason: 'BadRequest', message: `admission webhook "${VALIDATION.name}" denied the request: ${message}` };
}

/** Go's strconv.ParseBool, which knative/pkg configmap/parser parse() uses for bool keys; undefined when it errs. */
function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}
