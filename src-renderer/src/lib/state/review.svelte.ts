import { api, onStudioEvent } from '../api/studio.ts';
import type { FlagItem, JobInfo, ReviewQueue, ScanOverview } from '../api/core-types.ts';
import { edits } from './edits.svelte.ts';
import { Selection } from './selection.svelte.ts';
import { toasts } from './toasts.svelte.ts';

export type ReviewAction = 'relabel' | 'accept' | 'keep' | 'exclude';
export interface Decision {
  ids: number[];
  action: ReviewAction;
  label?: number;
  offset: number;
  index: number;
  undone: boolean;
}
/** One cell of the error matrix: the flags labelled `given` when scanned whose suggested label is `suggested`. */
export interface PairFilter {
  given: number;
  suggested: number;
}
const PAGE = 200;
export const CARDS_PER_PAGE = 12;

/**
 * The review queue: flags of the latest scan in rank order, one page of PAGE items loaded at a time.
 * A decision is awaited (it is in SQLite) and the page reloaded from the core before the next card shows,
 * so what the person sees is always what is stored.
 */
class ReviewState {
  queue = $state.raw<ReviewQueue | null>(null);
  offset = $state(0);
  index = $state(0);
  mode = $state<'single' | 'page' | 'matrix'>('single');
  /** The error-matrix cell the queue is narrowed to, if any. */
  filter = $state.raw<PairFilter | null>(null);
  overview = $state.raw<ScanOverview | null>(null);
  readonly selection = new Selection();
  private chain: Promise<void> = Promise.resolve();
  /** The label version the loaded queue shows: an edit from elsewhere moves edits.version past it (see sync). */
  private shownVersion = -1;
  /**
   * The decisions made since the queue opened, oldest first, with where each was made (undo and redo go back
   * to that card). Undone ones stay, marked, until a new decision ends the redo chain (as the core's history does).
   */
  decisions = $state.raw<Decision[]>([]);
  /** A grouping of near-duplicates under way (a large import): the queue, made of group cards, waits for it. */
  grouping = $state.raw<JobInfo | null>(null);

  constructor() {
    onStudioEvent((e) => {
      if (e.type === 'job' && e.job.kind === 'duplicates') this.grouping = e.job.state === 'running' ? e.job : null;
    });
  }

  get items(): FlagItem[] {
    return this.queue?.items ?? [];
  }

  get current(): FlagItem | undefined {
    return this.items[this.index];
  }

  /**
   * Runs decisions, moves and undos one after another in the order they were asked for: a key pressed while
   * a decision is being stored waits its turn (and then acts on the card that decision moved to), never dropped.
   */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task).catch((e: unknown) => toasts.error(e));
    this.chain = run;
    return run;
  }

  async load(offset = this.offset): Promise<void> {
    try {
      const q = await api.reviewQueue({ status: 'all', offset, limit: PAGE, groups: true, ...(this.filter ?? {}) });
      this.queue = q;
      this.offset = offset;
      if (this.index >= q.items.length) this.index = Math.max(0, q.items.length - 1);
      this.selection.keepOnly(q.items.map((i) => i.sampleId));
    } catch (e) {
      toasts.error(e);
    }
  }

  /** First load: jump to the first open flag. */
  async start(): Promise<void> {
    this.shownVersion = edits.version;
    await this.load(0);
    await this.nextOpen(-1);
  }

  /**
   * Reloads after a label edit made elsewhere (another window, the CLI), as the Dataset grid does. When the card
   * shown was open and is decided now, says so and moves on, so Enter cannot decide it a second time.
   */
  sync(version: number): Promise<void> {
    return this.enqueue(async () => {
      if (version === this.shownVersion || this.queue === null) return;
      const before = this.current;
      await this.load();
      this.shownVersion = version;
      const now = this.current;
      if (before?.status === 'open' && now?.sampleId === before.sampleId && now.status !== 'open') {
        toasts.show('info', `Sample ${now.sampleId} was ${now.status} elsewhere (another window or the CLI): showing the next open flag.`);
        await this.nextOpen();
      }
    });
  }

  /** Shows the error matrix, with fresh open counts (decisions change them). */
  async showMatrix(): Promise<void> {
    this.mode = 'matrix';
    try {
      this.overview = await api.scanOverview({ ...(this.queue?.scanId ? { scanId: this.queue.scanId } : {}) });
    } catch (e) {
      toasts.error(e);
    }
  }

  /** Narrows the queue to one error-matrix cell (null: the whole queue) and shows its first open card. */
  async setFilter(filter: PairFilter | null): Promise<void> {
    this.filter = filter;
    this.index = 0;
    this.decisions = [];
    this.selection.clear();
    if (this.mode === 'matrix') this.mode = 'single';
    await this.start();
  }

  /** Moves to the first open flag after position `from` (loading later pages as needed). */
  async nextOpen(from = this.index): Promise<void> {
    for (;;) {
      const i = this.items.findIndex((it, k) => k > from && it.status === 'open');
      if (i >= 0) {
        this.index = i;
        return;
      }
      const q = this.queue;
      if (!q || this.offset + q.items.length >= q.total) {
        if (from >= 0) this.index = Math.min(from + 1, Math.max(0, this.items.length - 1));
        return;
      }
      await this.load(this.offset + PAGE);
      from = -1;
    }
  }

  move(delta: number): Promise<void> {
    return this.enqueue(() => this.moveNow(delta));
  }

  private async moveNow(delta: number): Promise<void> {
    const target = this.index + delta;
    const q = this.queue;
    if (!q) return;
    if (target >= 0 && target < this.items.length) this.index = target;
    else if (target < 0 && this.offset > 0) {
      await this.load(Math.max(0, this.offset - PAGE));
      this.index = this.items.length - 1;
    } else if (target >= this.items.length && this.offset + this.items.length < q.total) {
      await this.load(this.offset + PAGE);
      this.index = 0;
    }
  }

  /** Decides the selected cards (page mode), else the current card; waits for SQLite, then advances. */
  decide(action: ReviewAction, label?: number): Promise<void> {
    return this.enqueue(async () => {
      const ids = this.selection.size ? [...this.selection.ids] : this.current ? [this.current.sampleId] : [];
      if (!ids.length) return;
      const scanId = this.queue?.scanId ?? undefined;
      // Cards shown open are decided only if still open: one decided in another window meanwhile is left as it is.
      const onlyOpen = ids.every((id) => this.items.find((i) => i.sampleId === id)?.status === 'open');
      // copies: a card stands for its whole duplicate group, decided as one
      const r = await api.review({ ids, action, onlyOpen, copies: true, ...(label === undefined ? {} : { label }), ...(scanId ? { scanId } : {}) });
      edits.record(r);
      this.shownVersion = r.labelVersion;
      if (r.skipped) toasts.show('info', `${r.skipped === 1 ? `Sample ${ids[0]} was` : `${r.skipped} flags were`} decided elsewhere in the meantime (another window or the CLI), so left as decided there.`);
      if (r.changed > 0) {
        const made: Decision = { ids, action, ...(label === undefined ? {} : { label }), offset: this.offset, index: this.index, undone: false };
        this.decisions = [...this.decisions.filter((d) => !d.undone), made];
      }
      this.selection.clear();
      await this.load();
      await this.advance();
    });
  }

  undo(): Promise<void> {
    return this.step('undo');
  }

  /** Redoes the last undone decision (Shift+Z): its card is decided again and the queue moves past it. */
  redo(): Promise<void> {
    return this.step('redo');
  }

  /** Undo goes back to the card of the last decision; redo decides it again and moves on, as the decision did. */
  private step(which: 'undo' | 'redo'): Promise<void> {
    return this.enqueue(async () => {
      const r = await edits[which]();
      if (r) this.shownVersion = r.labelVersion;
      const target = which === 'undo' ? this.decisions.findLast((d) => !d.undone) : this.decisions.find((d) => d.undone);
      // A step made elsewhere (confirmed in App's dialog) is none of this queue's decisions: stay, and reload.
      if (!r || r.changed === 0 || !target || !r.step.mine) return this.load();
      this.decisions = this.decisions.map((d) => (d === target ? { ...d, undone: which === 'undo' } : d));
      this.index = target.index;
      await this.load(target.offset);
      if (which === 'redo') await this.advance();
    });
  }

  /** After a decision: the next open card (in page mode the decided card itself may be next, so from one before). */
  private advance(): Promise<void> {
    return this.nextOpen(this.index - (this.mode === 'page' ? 1 : 0));
  }
}

export const review = new ReviewState();
