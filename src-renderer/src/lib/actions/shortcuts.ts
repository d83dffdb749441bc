import type { Action } from 'svelte/action';

/** Key -> handler; keys as KeyboardEvent.key ('1', 'Enter', 'ArrowLeft', 'k'), with optional 'mod+' (Ctrl or Cmd). */
export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

/** Typing in a field, or a dialog's own controls, must never trigger a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('dialog') !== null;
}

export function keyName(e: KeyboardEvent): string {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  // Shift counts for named keys and letters ('shift+z' is redo, not a second 'z'); Shift+1 is '!' already.
  return (e.ctrlKey || e.metaKey ? 'mod+' : '') + (e.shiftKey && (e.key.length > 1 || /^[a-z]$/i.test(e.key)) ? 'shift+' : '') + key;
}

/**
 * Whether the focused element got its focus from the keyboard (Tab), as opposed to a click. Chromium's
 * :focus-visible cannot tell: any key press makes the focused element match it, so after a click on a tab or
 * a button, Enter was left to that button (ignored, or "→" pressed again) instead of deciding the card.
 */
let pointerFocused: EventTarget | null = null;
let lastInputWasPointer = false;
window.addEventListener('pointerdown', () => (lastInputWasPointer = true), true);
window.addEventListener('keydown', () => (lastInputWasPointer = false), true);
window.addEventListener('focusin', (e) => (pointerFocused = lastInputWasPointer ? e.target : null), true);

/** A button or link the person reached with Tab: Enter activates it, as everywhere else. */
function isKeyboardFocusedControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ['BUTTON', 'A'].includes(target.tagName) && target !== pointerFocused;
}

/**
 * `use:shortcuts={map}`: window-level keys while the element is mounted (the view is shown), whatever was
 * clicked last. Enter on a button reached by keyboard is left to the button, so keyboard users keep normal activation.
 */
export const shortcuts: Action<HTMLElement, ShortcutMap> = (_node, initial) => {
  let map = initial;
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || isTyping(e.target)) return;
    if (e.key === 'Enter' && isKeyboardFocusedControl(e.target)) return;
    const handler = map[keyName(e)];
    if (!handler || (e.repeat && !e.key.startsWith('Arrow'))) return;
    e.preventDefault();
    // A clicked button keeps focus, and the key press would now draw its focus ring, as if the key had pressed it.
    if (e.target === pointerFocused && e.target instanceof HTMLElement && ['BUTTON', 'A'].includes(e.target.tagName)) e.target.blur();
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
