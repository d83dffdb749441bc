import type { CallOutcome, StudioBridge, StudioEvent } from './core-types.ts';
import { CLIENT_HEADER } from '../../../../src-common/bridge.ts';

/** This tab's id for label steps (see CLIENT_HEADER). getRandomValues, not randomUUID: a remote plain-HTTP page is no secure context. */
function newTabId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The StudioBridge over HTTP, for the browser (`fer-studio serve`): POST /api/<method> with JSON,
 * and one shared EventSource on /api/events for core events. A token, when the server needs one,
 * goes in the Authorization header for calls and in the query for images and the event stream.
 */
export class HttpBridge implements StudioBridge {
  readonly imageBase: string;
  /** Appended after `<id>.png` (the token), since an <img> cannot send headers. */
  readonly imageQuery: string;
  private readonly base: string;
  private readonly token: string | null;
  private readonly tabId = newTabId();
  private source: EventSource | null = null;
  private readonly listeners = new Set<(event: StudioEvent) => void>();

  constructor(options: { baseUrl?: string; token?: string | null } = {}) {
    this.base = (options.baseUrl ?? '').replace(/\/$/, '');
    this.token = options.token ?? null;
    this.imageBase = `${this.base}/img/`;
    this.imageQuery = this.token ? `?token=${encodeURIComponent(this.token)}` : '';
  }

  async call(method: string, input: unknown): Promise<CallOutcome> {
    let response: Response;
    try {
      response = await fetch(`${this.base}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [CLIENT_HEADER]: this.tabId, ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify(input ?? {}),
      });
    } catch (e) {
      return { ok: false, error: { code: 'internal', message: `Cannot reach the studio server (${e instanceof Error ? e.message : String(e)}). Is \`fer-studio serve\` still running?` } };
    }
    const text = await response.text();
    try {
      const body = JSON.parse(text) as CallOutcome;
      if (typeof body === 'object' && body !== null && 'ok' in body) return body;
    } catch {
      // fall through: not JSON (a proxy error page, a crash)
    }
    return { ok: false, error: { code: 'internal', message: `HTTP ${response.status} from /api/${method}: ${text.slice(0, 300) || response.statusText}` } };
  }

  onEvent(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.source) {
      this.source = new EventSource(`${this.base}/api/events${this.token ? `?token=${encodeURIComponent(this.token)}` : ''}`);
      this.source.onmessage = (message: MessageEvent<string>) => {
        let event: StudioEvent;
        try {
          event = JSON.parse(message.data) as StudioEvent;
        } catch {
          return;
        }
        for (const l of this.listeners) l(event);
      };
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.source?.close();
        this.source = null;
      }
    };
  }
}
