import { createClient } from './client.ts';
import type { StudioBridge } from './core-types.ts';
import { HttpBridge } from './http-bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the HTTP bridge takes its place. */
    studio?: StudioBridge;
  }
}

const TOKEN_KEY = 'fer-studio.token';

/** The server prints `…/?token=T`; keep it for this tab and take it out of the address bar. */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const http = window.studio ? null : new HttpBridge({ token: takeToken() });
const bridge: StudioBridge = window.studio ?? http!;

/** The one typed client of the whole UI. */
export const api = createClient(bridge);
export const onStudioEvent = (listener: Parameters<StudioBridge['onEvent']>[0]) => bridge.onEvent(listener);
export const doorName = window.studio ? 'desktop' : 'browser';
/** The desktop app's native-dialog File actions (see FILE_ACTIONS); undefined in a browser, which uses the server's data folder. */
export const fileAction = bridge.fileAction?.bind(bridge);

export function imageUrl(id: number): string {
  return `${bridge.imageBase}${id}.png${http?.imageQuery ?? ''}`;
}
