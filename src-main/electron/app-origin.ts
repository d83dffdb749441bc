/**
 * The renderer's one origin: `fer://app/`. Everything the window loads (page, scripts, images) comes from
 * this custom scheme, never from http, so IPC can trust a sender by its frame URL.
 */
export const APP_SCHEME = 'fer';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/`;
export const APP_IMAGE_BASE = `${APP_ORIGIN}/img/`;

/** True only for URLs of the app's own origin (fer://app/...); anything unparsable is untrusted. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
