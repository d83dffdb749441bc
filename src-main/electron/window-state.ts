import { readJsonFile, writeJsonFile } from './json-file.ts';

/** The main window's size and place between sessions. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN_WIDTH = 640;
const MIN_HEIGHT = 480;

/**
 * The saved state when it is sane and still on a connected display (monitors come and go between sessions);
 * otherwise the default size, centred by Electron.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  if (!saved || typeof saved !== 'object') return { ...DEFAULT_WINDOW_STATE };
  const s = saved as Record<string, unknown>;
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!num(s.width) || !num(s.height)) return { ...DEFAULT_WINDOW_STATE };
  const width = Math.max(MIN_WIDTH, Math.round(s.width));
  const height = Math.max(MIN_HEIGHT, Math.round(s.height));
  const maximized = s.maximized === true;
  if (!num(s.x) || !num(s.y)) return { width, height, maximized };
  const rect = { x: Math.round(s.x), y: Math.round(s.y), width, height };
  // Visible enough: at least 100x50 px of the title-bar area lies on some display.
  const onScreen = workAreas.some((a) => overlap(rect.x, rect.x + rect.width, a.x, a.x + a.width) >= 100 && rect.y >= a.y && rect.y + 50 <= a.y + a.height);
  return onScreen ? { ...rect, maximized } : { width, height, maximized };
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  return restoreWindowState(readJsonFile(file), workAreas);
}

/** Saves the normal (un-maximized) bounds, so un-maximizing next session restores the person's size. */
export function saveWindowState(file: string, normalBounds: Rect, maximized: boolean): void {
  writeJsonFile(file, { ...normalBounds, maximized } satisfies WindowState);
}
