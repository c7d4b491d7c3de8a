import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { builtinDriver } from './src/drivers/builtin/index.ts';
import { builtinDriver as oldDriver } from './src/drivers/zz-old-tmp/index.ts';
const child = spawn(process.execPath, ['bench/driver-vs-autocannon-wrk.ts', 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
const [port] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
const cell = { type: 'load', id: 'x', profile: 'p', experiment: 'e', repetition: 1, estimatedMs: 0, driver: 'builtin', model: 'closed', arrival: 'constant', rate: undefined, connections: 16, durationMs: 3000, warmupMs: 500, timeoutMs: 10000 } as const;
for (let i = 0; i < 4; i++) {
  for (const [name, d] of [['new', builtinDriver], ['old', oldDriver]] as const) {
    const t = process.cpuUsage();
    const o = await d.run(cell, `http://127.0.0.1:${port}/`, new AbortController().signal);
    const cpu = process.cpuUsage(t);
    console.log(name, Math.round(o.achievedRps), 'cpu µs/req', ((cpu.user + cpu.system) / (o.requests * 3500 / 3000)).toFixed(1));
  }
}
child.kill();
