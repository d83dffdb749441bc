import { StudioError } from '../api/contract.ts';

/** Bad input data (missing/empty file, wrong header, bad row in strict mode): reaches the doors as 'bad-input'. */
export class DatasetError extends StudioError {
  constructor(message: string, details?: unknown) {
    super('bad-input', message, details);
    this.name = 'DatasetError';
  }
}
