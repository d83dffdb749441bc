/** Small JSON values remembered across sessions (theme, grid size, last training settings). */
export function loadStored<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(`fer-studio.${key}`);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

export function saveStored(key: string, value: unknown): void {
  try {
    localStorage.setItem(`fer-studio.${key}`, JSON.stringify(value));
  } catch {
    // storage full or disabled: the setting just is not remembered
  }
}
