import { ApiCallError } from '../api/client.ts';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

/** Messages for the person: every failed core call lands here with the core's own message. */
class Toasts {
  items = $state<Toast[]>([]);
  private next = 1;

  show(kind: Toast['kind'], text: string, ms = kind === 'error' ? 12_000 : 4000): void {
    const id = this.next++;
    this.items = [...this.items, { id, kind, text }];
    setTimeout(() => this.dismiss(id), ms);
  }

  error(e: unknown): void {
    const text = e instanceof ApiCallError ? e.message : e instanceof Error ? `Unexpected error: ${e.message}` : String(e);
    console.error(e);
    this.show('error', text);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();

/** Runs an async UI action; a failure becomes a toast instead of vanishing in the console. */
export async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (e) {
    toasts.error(e);
    return undefined;
  }
}
