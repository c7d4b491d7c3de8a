// The platform image archives are saved for: kind nodes run the docker daemon's architecture, so a
// run asks the daemon (docker info Architecture, which is `uname -m`: moby
// daemon/internal/platform/platform_linux.go), and `plan`, which asks nothing, uses this host's.

// uname -m and Node's process.arch names → the OCI architecture names docker save --platform takes.
const ARCHITECTURES: Record<string, string> = { x86_64: 'amd64', amd64: 'amd64', x64: 'amd64', aarch64: 'arm64', arm64: 'arm64' };

/** "linux/amd64" for x86_64, x64 or amd64; "linux/arm64" for aarch64 or arm64; others as named. */
export function linuxPlatform(architecture: string): string {
  return `linux/${ARCHITECTURES[architecture] ?? architecture}`;
}

/** This machine's platform, as `plan` shows it. */
export function hostPlatform(): string {
  return linuxPlatform(process.arch);
}
