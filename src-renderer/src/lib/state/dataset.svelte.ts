import { api } from '../api/studio.ts';
import { GRID_FIRST_PAGE } from '../../../../src-common/sample-list.ts';
import type { SampleFilter, SampleList } from '../api/core-types.ts';
import { Selection } from './selection.svelte.ts';
import { loadStored, saveStored } from './stored.ts';
import { toasts } from './toasts.svelte.ts';

/** What the filter bar edits: every field optional; '' in a select means "any". */
export type FilterInput = Partial<SampleFilter>;

const EMPTY: SampleList = { total: 0, ids: [], labels: [], flags: [], basis: { runId: null, runSplits: [], scanId: null, scoreRange: null, votes: false } };

/** The Dataset view's state: filter, the columnar list, selection, the open sample and the cell size. */
class DatasetState {
  filter = $state<FilterInput>({ sort: 'id' });
  list = $state.raw<SampleList>(EMPTY);
  loading = $state(false);
  loadedOnce = $state(false);
  focus = $state(0);
  openId = $state<number | null>(null);
  cellSize = $state(loadStored('cellSize', 96));
  readonly selection = new Selection();
  private request = 0;

  setCellSize(px: number): void {
    this.cellSize = px;
    saveStored('cellSize', px);
  }

  /** Whether `list` holds every match: false while only the first page has arrived. */
  complete = $state(true);
  /** The whole list of the current filter while it is on its way (see ensureComplete). */
  private whole: Promise<void> | null = null;
  private wholeFilter: SampleFilter | null = null;

  /**
   * The first page only: on a million rows the first images show at once instead of after every id has
   * travelled, and the server, busy 2-3 s making the whole list, served no image meanwhile (bench scale: first
   * images 5.5 s when the whole list followed the page at once). The rest comes when something needs it
   * (ensureComplete): scrolling past the page, select all, a score bound (accept above it), a selection to
   * keep to the filter.
   */
  async load(): Promise<void> {
    const ticket = ++this.request;
    this.loading = true;
    this.whole = null;
    try {
      const filter = $state.snapshot(this.filter) as SampleFilter;
      const page = await api.listSamples({ ...filter, first: GRID_FIRST_PAGE });
      if (ticket !== this.request) return; // a newer filter won
      this.show(page);
      this.wholeFilter = filter;
      if (this.complete) this.selection.keepOnly(page.ids);
      else if (this.selection.size || filter.scoreMin !== undefined) void this.ensureComplete();
    } catch (e) {
      toasts.error(e);
    } finally {
      if (ticket === this.request) {
        this.loading = false;
        this.loadedOnce = true;
      }
    }
  }

  /** Every match of the current filter in `list`: fetched once, when first needed; resolves at once when there. */
  ensureComplete(): Promise<void> {
    if (this.complete || !this.wholeFilter) return Promise.resolve();
    if (this.whole) return this.whole;
    const ticket = this.request;
    const filter = this.wholeFilter;
    this.whole = api.listSamples(filter).then(
      (list) => {
        if (ticket !== this.request) return; // a newer filter won: its own list comes
        this.show(list);
        this.selection.keepOnly(list.ids);
      },
      (e: unknown) => {
        if (ticket === this.request) this.whole = null; // asked again, it tries again
        toasts.error(e);
      },
    );
    return this.whole;
  }

  private show(list: SampleList): void {
    this.list = list;
    this.complete = list.ids.length === list.total;
    if (this.focus >= list.total) this.focus = Math.max(0, list.total - 1);
  }

  /** An open sample panel follows the keyboard focus, so the panel, the focus ring and the keys agree. */
  followFocus(index: number): void {
    const id = this.list.ids[index];
    if (this.openId !== null && id !== undefined) this.openId = id;
  }

  /** The ids an action applies to: the selection, else the open sample, else the focused cell while the grid has focus. */
  targets(gridFocused: boolean): number[] {
    if (this.selection.size) return [...this.selection.ids];
    if (this.openId !== null) return [this.openId];
    const focused = this.list.ids[this.focus];
    return gridFocused && focused !== undefined ? [focused] : [];
  }
}

export const dataset = new DatasetState();
