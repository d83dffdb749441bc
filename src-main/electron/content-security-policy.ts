/**
 * The window's Content-Security-Policy, sent as a header on every fer://app/ response. Only the app's own
 * scripts run; images come from the app (fer://app/img/) or data: URLs; Svelte sets inline style attributes.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' fer: data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
