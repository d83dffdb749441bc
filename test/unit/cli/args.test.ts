import { describe, expect, it } from 'vitest';
import { Flags, parseArgs, UsageError } from '../../../src-main/cli/args.ts';

describe('Flags.oneOf', () => {
  const MODELS = ['cnn-small', 'vgg-fer'] as const;

  it('returns the value when it is one of the options, undefined when the flag is absent', () => {
    const flags = new Flags(parseArgs(['--model', 'vgg-fer']));
    const model: (typeof MODELS)[number] | undefined = flags.oneOf('model', MODELS);
    expect(model).toBe('vgg-fer');
    expect(flags.oneOf('engine', ['wasm'] as const)).toBeUndefined();
    expect(() => flags.rejectUnknown()).not.toThrow(); // read flags count as known
  });

  it('names the choices for a value that is not one of them, and for a flag given no value', () => {
    expect(() => new Flags(parseArgs(['--model', 'resnet'])).oneOf('model', MODELS)).toThrow(new UsageError("--model must be one of cnn-small, vgg-fer (got 'resnet')."));
    expect(() => new Flags(parseArgs(['--model'])).oneOf('model', MODELS)).toThrow('--model needs a value.');
  });
});
