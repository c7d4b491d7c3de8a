// Stand-in for k6's `k6/metrics` (resolved by the vitest config's aliases): custom metrics are
// registered in the init context and take samples with extra tags (grafana/k6
// internal/js/modules/k6/metrics/metrics.go).
import { currentRuntime } from '../runtime.ts';

class Metric {
  readonly name: string;
  constructor(name: string, type: 'counter' | 'gauge' | 'rate' | 'trend') {
    this.name = name;
    currentRuntime().registerMetric(name, type);
  }
  add(value: number | boolean, tags?: Record<string, string>): void {
    currentRuntime().addToMetric(this.name, typeof value === 'boolean' ? Number(value) : value, tags);
  }
}

export class Counter extends Metric {
  constructor(name: string) {
    super(name, 'counter');
  }
}
export class Trend extends Metric {
  constructor(name: string) {
    super(name, 'trend');
  }
}
export class Rate extends Metric {
  constructor(name: string) {
    super(name, 'rate');
  }
}
export class Gauge extends Metric {
  constructor(name: string) {
    super(name, 'gauge');
  }
}
