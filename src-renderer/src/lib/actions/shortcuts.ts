import type { Action } from 'svelte/action';

/** Key -> handler; keys as KeyboardEvent.key ('1', 'Enter', 'ArrowLeft', 'k'), with optional 'mod+' (Ctrl or Cmd). */
export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

/** Typing in a field, or a dialog's own controls, must never trigger a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function keyName(e: KeyboardEvent): string {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return (e.ctrlKey || e.metaKey ? 'mod+' : '') + (e.shiftKey && e.key.length > 1 ? 'shift+' : '') + key;
}

/**
 * `use:shortcuts={map}`: window-level keys while the element is mounted (the view is shown).
 * Enter on a keyboard-focused button is left to the button, so keyboard users keep normal activation.
 */
export const shortcuts: Action<HTMLElement, ShortcutMap> = (_node, initial) => {
  let map = initial;
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || isTyping(e.target)) return;
    // Enter on a button reached by keyboard activates that button; after a mouse click it is the shortcut.
    if (e.key === 'Enter' && e.target instanceof HTMLElement && ['BUTTON', 'A'].includes(e.target.tagName) && e.target.matches(':focus-visible')) return;
    const handler = map[keyName(e)];
    if (!handler || (e.repeat && !e.key.startsWith('Arrow'))) return;
    e.preventDefault();
    handler(e);
  };
  window.addEventListener('keydown', onKey);
  return {
    update(next) {
      map = next;
    },
    destroy() {
      window.removeEventListener('keydown', onKey);
    },
  };
};
