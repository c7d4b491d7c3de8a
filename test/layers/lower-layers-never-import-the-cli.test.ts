// DESIGN.md: lower layers never import from src/cli/ — the CLI parses and wires, everything else
// must be usable without it (the exit codes and error classes live in src/errors.ts for that).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module specifier: static imports, re-exports and dynamic import(). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g)) found.push(match[2]!);
  return found;
}

describe('layering', () => {
  it('finds the imports it checks (the scan is not vacuous)', () => {
    const all = sourceFiles(src).flatMap((file) => specifiers(readFileSync(file, 'utf8')));
    expect(all.length).toBeGreaterThan(300);
    expect(specifiers(`import { a } from '../cli/errors.ts';\nexport * from "./x.ts";\nawait import('../cli/y.ts');`)).toEqual([
      '../cli/errors.ts',
      './x.ts',
      '../cli/y.ts',
    ]);
  });

  it('no module outside src/cli/ imports from src/cli/', () => {
    const cli = join(src, 'cli');
    const upward: string[] = [];
    for (const file of sourceFiles(src)) {
      if (file.startsWith(cli + '/')) continue;
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const target = resolve(dirname(file), spec);
        if (target === cli || target.startsWith(cli + '/')) upward.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
