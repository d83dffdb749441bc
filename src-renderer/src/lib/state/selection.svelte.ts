/**
 * A multi-selection over an ordered list of ids: click, ctrl/cmd-click toggles, shift-click selects the
 * range from the last anchor. Replaced wholesale on change (a Set of 35,887 ids is not made deeply reactive).
 */
export class Selection {
  ids = $state.raw<ReadonlySet<number>>(new Set());
  private anchor: number | null = null;

  get size(): number {
    return this.ids.size;
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  /** Applies a click at `index` of `order` with the event's modifiers; returns true when the selection changed. */
  click(order: readonly number[], index: number, e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): boolean {
    const id = order[index];
    if (id === undefined) return false;
    if (e.shiftKey && this.anchor !== null) {
      const from = Math.min(this.anchor, index);
      const to = Math.max(this.anchor, index);
      const next = new Set(e.ctrlKey || e.metaKey ? this.ids : []);
      for (let i = from; i <= to; i++) next.add(order[i]!);
      this.ids = next;
      return true;
    }
    if (e.ctrlKey || e.metaKey) {
      this.toggle(id);
      this.anchor = index;
      return true;
    }
    this.anchor = index;
    return false;
  }

  toggle(id: number): void {
    const next = new Set(this.ids);
    if (!next.delete(id)) next.add(id);
    this.ids = next;
  }

  setAll(ids: Iterable<number>): void {
    this.ids = new Set(ids);
  }

  /** Keeps only ids still present (after a filter or reload). */
  keepOnly(present: readonly number[]): void {
    if (this.ids.size === 0) return;
    const here = new Set(present);
    const next = new Set([...this.ids].filter((id) => here.has(id)));
    if (next.size !== this.ids.size) this.ids = next;
  }

  clear(): void {
    if (this.ids.size) this.ids = new Set();
    this.anchor = null;
  }
}
