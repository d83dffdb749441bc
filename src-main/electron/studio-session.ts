import type { StudioEvent } from '../core/api/events.ts';
import type { Caller, Door } from '../core/api.ts';
import { Studio, type StudioOptions } from '../core/studio/studio.ts';

/**
 * The one open Studio of the app. "Open workspace…" swaps it: the new workspace opens first (so a bad
 * file leaves the current one open), then the old one closes. Event listeners follow the swap.
 */
export class StudioSession {
  private current: Studio | null = null;
  private readonly listeners = new Set<(event: StudioEvent) => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly options: StudioOptions = {},
    private readonly openStudio: (path: string, options: StudioOptions) => Studio = (path, o) => new Studio(path, o),
  ) {}

  get studio(): Studio {
    if (!this.current) throw new Error('No workspace is open.');
    return this.current;
  }

  get path(): string | null {
    return this.current?.workspace.path ?? null;
  }

  /** Opens `path`, makes it current, then closes the previous workspace. */
  async open(path: string): Promise<Studio> {
    const next = this.openStudio(path, this.options);
    const previous = this.current;
    this.unsubscribe?.();
    this.current = next;
    this.unsubscribe = next.subscribe((event) => this.listeners.forEach((l) => l(event)));
    await previous?.close();
    return next;
  }

  /** Core events of whichever workspace is open now. */
  subscribe(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  call(method: string, input: unknown, caller: Door | Caller = 'local'): Promise<unknown> {
    return this.studio.call(method, input, caller);
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const s = this.current;
    this.current = null;
    await s?.close();
  }
}
