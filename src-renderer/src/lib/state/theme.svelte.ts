import { loadStored, saveStored } from './stored.ts';

export type Theme = 'dark' | 'light';

class ThemeState {
  current = $state<Theme>(loadStored<Theme>('theme', window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark'));

  constructor() {
    this.apply();
  }

  toggle(): void {
    this.current = this.current === 'dark' ? 'light' : 'dark';
    saveStored('theme', this.current);
    this.apply();
  }

  private apply(): void {
    document.documentElement.dataset.theme = this.current;
  }
}

export const theme = new ThemeState();
