// A fake `docker` client and daemon. Default: Docker 29 on a fresh install — the containerd image
// store (docs.docker.com/engine/storage/containerd; moby daemon/image_store_choice.go@docker-v29.0.0)
// on a cgroup v2 x86_64 host. Knobs:
//   FAKE_DOCKER_VERSION=28.2.2   client and daemon version; below 29 the store defaults to classic
//   FAKE_DOCKER_STORE=classic|containerd   the image store, whatever the version
//   FAKE_DOCKER_CGROUP=1|2       the host's cgroup version (docker info CgroupVersion)
//   FAKE_DOCKER_ARCH=aarch64     the daemon's uname -m (docker info Architecture)
//   FAKE_DOCKER_NCPU=8, FAKE_DOCKER_MEMORY=<bytes>   the daemon host's CPUs and memory (NCPU, MemTotal; default 8 and 16 GiB)
//   FAKE_DOCKER_DAEMON=down      no daemon answers (checked against the real client without one)
// Images persist in $FAKE_STATE_DIR/docker-images.json; archives are JSON (common.ts FakeArchive)
// recording which platforms they name and which they hold content for.
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DAEMON_DOWN, daemonDown, daemonPlatform, fail, flag, readState, record, writeState, type FakeArchive } from './common.ts';

interface Image {
  id: string;
  /** Platforms the image's index names. */
  platforms: string[];
  /** Platforms whose content is in the store. */
  content: string[];
}

const VERSION = process.env.FAKE_DOCKER_VERSION ?? '29.7.2';
const MAJOR = Number(VERSION.split('.')[0]);
const STORE = process.env.FAKE_DOCKER_STORE ?? (MAJOR >= 29 ? 'containerd' : 'classic');
const CGROUP = process.env.FAKE_DOCKER_CGROUP ?? '2';
const PLATFORM = daemonPlatform();
// Every image meshbench pulls (fortio/fortio, grafana/k6, busybox) is published for several platforms.
const PUBLISHED = ['linux/amd64', 'linux/arm64'];

const argv = process.argv.slice(2);
record('docker', argv);
const images = readState<Record<string, Image>>('docker-images', {});
const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

if (argv[0] === '--version') {
  console.log(`Docker version ${VERSION}, build e6534b4`);
} else if (argv[0] === 'info') {
  info(flag(argv, '--format') ?? flag(argv, '-f'));
} else {
  if (daemonDown()) fail(DAEMON_DOWN);
  if (argv[0] === 'pull') pull(argv[1]!);
  else if (argv[0] === 'tag') tag(argv[1]!, argv[2]!);
  else if (argv[0] === 'image' && argv[1] === 'inspect') inspect(argv.at(-1)!);
  else if (argv[0] === 'save') save(argv.slice(1));
  else fail(`docker: '${argv[0]}' is not a docker command.\nSee 'docker --help'`);
}

/**
 * docker info: the text report, or with --format the JSON of `{{json .}}` or one `{{.Field}}`
 * (docker/cli cli/command/system/info.go; the client renders any Go template, the fake these two).
 */
function info(format: string | undefined): void {
  const field = format === undefined ? undefined : /^\{\{\s*\.(\w+)\s*\}\}$/.exec(format)?.[1];
  if (format !== undefined && format !== '{{json .}}' && field === undefined) fail(`fake docker: unsupported info format ${format}`);
  const client = { Debug: false, Version: VERSION, Context: 'default' };
  if (daemonDown()) {
    // The client still prints what it knows (an empty server part) before failing.
    process.stdout.write(field ? '\n' : format ? `${JSON.stringify({ ServerVersion: '', ClientInfo: client })}\n` : `Client:\n Version:    ${VERSION}\n Context:    default\n Debug Mode: false\n\nServer:\n`);
    fail(DAEMON_DOWN);
  }
  // moby daemon/containerd/service.go (LayerStoreStatus) for the containerd store; overlay2's own status otherwise.
  const [driver, status] = STORE === 'containerd'
    ? ['overlayfs', [['driver-type', 'io.containerd.snapshotter.v1']]]
    : ['overlay2', [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']]];
  const arch = process.env.FAKE_DOCKER_ARCH ?? 'x86_64';
  const cgroupDriver = CGROUP === '2' ? 'systemd' : 'cgroupfs';
  if (format) {
    const server = { ID: 'f2b3c1d4', Containers: 0, Driver: driver, DriverStatus: status, CgroupDriver: cgroupDriver, CgroupVersion: CGROUP, OSType: 'linux', Architecture: arch, NCPU: Number(process.env.FAKE_DOCKER_NCPU ?? 8), MemTotal: Number(process.env.FAKE_DOCKER_MEMORY ?? 16 * 2 ** 30), ServerVersion: VERSION };
    console.log(field ? String((server as Record<string, unknown>)[field] ?? '') : JSON.stringify({ ...server, ClientInfo: client }));
    return;
  }
  const pairs = (status as string[][]).map(([key, value]) => `  ${key}: ${value}`).join('\n');
  console.log(`Client:\n Version:    ${VERSION}\n Context:    default\n\nServer:\n Server Version: ${VERSION}\n Storage Driver: ${driver}\n${pairs}\n Cgroup Driver: ${cgroupDriver}\n Cgroup Version: ${CGROUP}\n Architecture: ${arch}`);
}

/** The containerd store keeps the image's index but fetches only this daemon's platform; the classic store keeps only that platform. */
function pull(ref: string): void {
  const known = images[ref] !== undefined;
  images[ref] = { id: sha(ref), platforms: STORE === 'containerd' ? PUBLISHED : [PLATFORM], content: [PLATFORM] };
  writeState('docker-images', images);
  console.log(known ? `Status: Image is up to date for ${ref}` : `Status: Downloaded newer image for ${ref}`);
}

function tag(source: string, target: string): void {
  const image = images[source] ?? fail(`Error response from daemon: No such image: ${source}`);
  images[target] = image;
  writeState('docker-images', images);
  // docker tag prints nothing on success.
}

function inspect(ref: string): void {
  console.log((images[ref] ?? fail(`Error: No such image: ${ref}`)).id);
}

/**
 * docker save. --platform came with docker/cli v28.0.0 (cli/command/image/save.go); older clients
 * reject it as cobra does any unknown flag (cli/cobra.go FlagErrorFunc, exit 125). Without it the
 * containerd store exports the whole index, naming platforms it has no content for (moby
 * daemon/containerd/image_exporter.go); with it, only that platform, which must be present.
 */
function save(args: string[]): void {
  const platform = flag(args, '--platform');
  if (platform !== undefined && MAJOR < 28) fail(`unknown flag: --platform\nSee 'docker save --help'.`, 125);
  const output = flag(args, '-o') ?? flag(args, '--output');
  const refs = args.filter((arg, i) => !arg.startsWith('-') && !['-o', '--output', '--platform'].includes(args[i - 1] ?? ''));
  // moby/sys atomicwriter validateDestination: the directory must exist.
  if (output !== undefined && !existsSync(dirname(output))) fail(`failed to save image: invalid output path: stat ${dirname(output)}: no such file or directory`);
  const archive: FakeArchive = { fakeDockerArchive: 1, images: [] };
  for (const ref of refs) {
    const image = images[ref] ?? fail(`Error response from daemon: No such image: ${ref}`);
    if (platform === undefined) {
      archive.images.push({ ref, ...image });
      continue;
    }
    if (!image.content.includes(platform)) {
      // moby daemon/containerd/image.go errPlatformNotFound; image/tarexport/save.go for the classic store.
      fail(STORE === 'containerd'
        ? `Error response from daemon: no suitable export target found: image with reference ${ref} was found but does not provide the specified platform (${platform})`
        : `Error response from daemon: no suitable export target found for platform ${platform}`);
    }
    archive.images.push({ ref, id: image.id, platforms: [platform], content: [platform] });
  }
  const text = JSON.stringify(archive);
  if (output === undefined) process.stdout.write(text);
  else writeFileSync(output, text);
}
