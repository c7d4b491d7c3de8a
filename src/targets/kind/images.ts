// Getting the images a profile's pods use into its kind node before anything is measured, so no
// pull happens inside a measurement: pull, save one platform to an archive, load the archive.
//
// Not `kind load docker-image`: it saves with a plain `docker save` and imports with
// `ctr images import --all-platforms` (kind v0.30.0 pkg/cmd/kind/load/docker-image/docker-image.go,
// pkg/cluster/nodeutils/util.go). With Docker's containerd image store (the default of fresh
// Docker ≥ 29 installs) a multi-arch image's archive then names platforms whose content was never
// pulled, and the import fails with "ctr: content digest sha256:…: not found"
// (kubernetes-sigs/kind#3795). A single-platform archive (`docker save --platform`, Docker ≥ 28.0)
// imports on either store. kind v0.30.0 stats the archive path, so it must be a file, not stdin.
import { join } from 'node:path';
import { UsageError } from '../../errors.ts';
import { K6_IMAGE } from '../../drivers/k6/objects.ts';
import type { Profile, Workload } from '../../suite/schema.ts';
import { ECHO_IMAGE, STARTUP_DELAY_IMAGE } from '../../workloads/echo/manifests.ts';
import type { Step } from '../cluster/steps.ts';
import type { ProfileNeeds } from '../target.ts';
import { clusterName } from './cluster.ts';

export interface ImageOptions {
  /** The run directory: archives go to its images/ folder. */
  workDir: string;
  /** The platform archives are saved for, e.g. linux/amd64: the docker daemon's (see platform.ts). */
  platform: string;
}

/**
 * Knative resolves image tags to digests through the registry, unless the registry is one it skips
 * (kind.local among them): retagging the loaded images as kind.local/… keeps the pod on exactly the
 * image we loaded instead of a pull by digest in the middle of a cold start.
 */
export function clusterImage(image: string, profile: Profile): string {
  // Only the workload's images go through Knative; the k6 Job is a plain pod.
  if (profile.serving.type !== 'knative' || image === K6_IMAGE) return image;
  return `kind.local/${image.slice(image.lastIndexOf('/') + 1)}`;
}

/** The images the profile's pods run, as pulled. */
function sourceImages(workload: Workload, needs: ProfileNeeds | undefined): string[] {
  return [ECHO_IMAGE, ...(workload.startupDelay > 0 ? [STARTUP_DELAY_IMAGE] : []), ...(needs?.inClusterK6 ? [K6_IMAGE] : [])];
}

/** The images in the node, under the names the pods use. */
export function clusterImages(profile: Profile, workload: Workload, needs?: ProfileNeeds): string[] {
  return sourceImages(workload, needs).map((image) => clusterImage(image, profile));
}

export function imageSteps(profile: Profile, workload: Workload, options: ImageOptions, needs?: ProfileNeeds): Step[] {
  const cluster = clusterName(profile);
  const dir = join(options.workDir, 'images');
  // docker save -o needs the directory to exist (moby/sys atomicwriter: "invalid output path").
  const steps: Step[] = [{ type: 'directory', title: 'create the folder for image archives', path: dir }];
  for (const image of sourceImages(workload, needs)) {
    const inCluster = clusterImage(image, profile);
    const archive = join(dir, `${inCluster.replaceAll(/[/:]/g, '_')}.tar`);
    steps.push({ type: 'command', title: `pull ${image}`, command: 'docker', args: ['pull', image] });
    if (inCluster !== image) steps.push({ type: 'command', title: `tag it ${inCluster}`, command: 'docker', args: ['tag', image, inCluster] });
    steps.push(
      { type: 'command', title: `save ${inCluster} for ${options.platform}`, command: 'docker', args: saveImageArgs(inCluster, options.platform, archive) },
      { type: 'command', title: `load ${inCluster} into ${cluster}`, command: 'kind', args: loadArchiveArgs(archive, cluster) },
    );
  }
  return steps;
}

/** argv of `docker save` for one platform; refuses digest references. */
export function saveImageArgs(image: string, platform: string, archive: string): string[] {
  if (image.includes('@sha256:')) {
    // docker save drops the name of a digest reference, so the image would land in the node under
    // no usable name (kubernetes-sigs/kind#1140, #2394).
    throw new UsageError(`cannot load ${image} into a kind cluster: an image saved by digest (@sha256:…) keeps no name; reference the image by tag`);
  }
  return ['save', '--platform', platform, '-o', archive, image];
}

function loadArchiveArgs(archive: string, cluster: string): string[] {
  return ['load', 'image-archive', archive, '--name', cluster];
}
