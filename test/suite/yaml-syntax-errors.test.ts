import { describe, expect, it } from 'vitest';
import { FIXTURES, problemsOf } from './problems-of.ts';

describe('YAML syntax errors', () => {
  it('become problems with the line where the parser noticed them', async () => {
    const problems = await problemsOf(`${FIXTURES}/yaml-syntax.yaml`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: `${FIXTURES}/yaml-syntax.yaml`, line: 6, column: 1, key: '' });
    expect(problems[0]?.message).toMatch(/^YAML syntax error: Flow sequence .* end with a \]/);
  });
});
