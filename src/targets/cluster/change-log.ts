// What a run changed on a cluster it does not own (the existing target with --install), and how to
// put it back: an object that did not exist is deleted, any other gets the values it had in the
// fields meshbench set (restore-patch.ts). Recorded right before each change, restored newest
// first, each entry once — after every profile, and again at cleanup for what a failed or
// interrupted prepare left.
import { EnvironmentError } from '../../errors.ts';
import type { Kube } from '../../kube/kube.ts';
import { describeObject, type KubeObject } from '../../kube/objects.ts';
import { restorePatch } from '../../kube/restore-patch.ts';

type Undo = { object: KubeObject; patch?: Record<string, unknown> };

export class ChangeLog {
  #undo: Undo[] = [];

  /** Reads each object before it is applied; call before the apply. */
  async record(kube: Kube, objects: readonly KubeObject[]): Promise<void> {
    for (const object of objects) {
      const previous = await kube.get(object);
      this.#undo.push(previous ? { object, patch: restorePatch(object, previous) } : { object });
    }
  }

  /** Undoes what was recorded, newest first; what fails stays recorded and is reported. */
  async restore(kube: Kube, log: (line: string) => void): Promise<void> {
    const failures: string[] = [];
    for (const undo of [...this.#undo].reverse()) {
      const { object, patch } = undo;
      try {
        if (patch) {
          log(`restoring ${describeObject(object)}`);
          await kube.mergePatch(object, patch);
        } else {
          log(`deleting ${describeObject(object)} (created by this run)`);
          await kube.delete([object]);
        }
        this.#undo.splice(this.#undo.indexOf(undo), 1);
      } catch (error) {
        failures.push(`${describeObject(object)}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) {
      throw new EnvironmentError(`could not restore what --install changed: ${failures.join('; ')}`, {
        hint: 'restore those objects by hand (kubectl edit or delete); Istio and Knative themselves stay installed either way',
      });
    }
  }
}
