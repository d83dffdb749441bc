import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../src-main/cli/commands/index.ts';

const dir = join(import.meta.dirname, '../../../../src-main/cli/commands');

describe('the CLI command registry', () => {
  it('lists every command file under its own name, and nothing else', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
    expect(Object.keys(COMMANDS)).toEqual(files);
  });

  it('each command has a usage line that starts with its name', () => {
    for (const [name, c] of Object.entries(COMMANDS)) expect(c.usage.split(' ')[0], name).toBe(name);
  });
});
