import { StudioError } from '../api/contract.ts';

/** Bad input data (missing/empty file, wrong header, bad row in strict mode): reaches the doors as 'bad-input'. */
export class DatasetError extends StudioError {
  constructor(message: string, details?: unknown) {
    super('bad-input', message, details);
    this.name = 'DatasetError';
  }
}

/**
 * The message for a file whose first line is not the expected header. It never quotes the line: the
 * path may name any file (say /etc/shadow), and an error must not show a file's contents.
 */
export function wrongHeader(path: string, expected: string): string {
  return `${path} line 1: not the expected header '${expected}' (is this the right file?).`;
}
