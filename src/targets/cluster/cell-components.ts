// Whose resources a cell's figures are: the pods of the workload the cell drives. A load cell
// measures echo; a cold-start cell its cold-N services, whose pods come and go with every iteration
// (so none of them is required to stay). warm-1, cold pods still draining after their cell, and the
// k6 pods share the namespace and are not the cell's.
import { expectedComponents, type ExpectedComponent } from '../../measure/expected-components.ts';
import type { PlanCell } from '../../plan/types.ts';
import type { Profile } from '../../suite/schema.ts';
import { coldServiceNames, ECHO_NAME } from './profile-steps.ts';

export function cellComponents(profile: Profile, namespace: string, cell: PlanCell): ExpectedComponent[] {
  if (cell.type === 'load') return expectedComponents(profile, namespace, [ECHO_NAME]);
  return expectedComponents(profile, namespace, coldServiceNames(cell.services)).map((component) =>
    component.workloads === undefined ? component : { ...component, required: false },
  );
}
