/** Parsed command line: positionals and --flags (`--name value`, `--name=value`, bare `--name` = true). */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags.set(a.slice(2), next);
        i++;
      } else flags.set(a.slice(2), true);
    }
  }
  return { positionals, flags };
}

/** Reads flags with types, remembering which were asked for so unknown flags can be reported. */
export class Flags {
  private readonly seen = new Set<string>();
  private readonly args: ParsedArgs;
  constructor(args: ParsedArgs) {
    this.args = args;
  }
  bool(name: string): boolean {
    this.seen.add(name);
    const v = this.args.flags.get(name);
    if (v === undefined) return false;
    if (v === true || v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    // `--json file.csv`: a bare boolean swallowed the next positional; give it back.
    this.args.positionals.push(v);
    this.args.flags.set(name, true);
    return true;
  }
  string(name: string): string | undefined {
    this.seen.add(name);
    const v = this.args.flags.get(name);
    if (v === true) throw new UsageError(`--${name} needs a value.`);
    return v;
  }
  int(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got '${v}'.`);
    return Number(v);
  }
  number(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got '${v}'.`);
    return n;
  }
  /** One of `options`, checked here so the command's input is typed and a typo names the choices. */
  oneOf<const T extends readonly string[]>(name: string, options: T): T[number] | undefined {
    const v = this.string(name);
    if (v !== undefined && !options.includes(v)) throw new UsageError(`--${name} must be one of ${options.join(', ')} (got '${v}').`);
    return v;
  }
  /** Throws for flags the command never read. Call after reading all of them. */
  rejectUnknown(): void {
    const unknown = [...this.args.flags.keys()].filter((k) => !this.seen.has(k));
    if (unknown.length) throw new UsageError(`Unknown option${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => '--' + u).join(', ')}`);
  }
}

/** The entries of `o` whose value is not undefined: CLI flags left out fall back to the contract's defaults. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
