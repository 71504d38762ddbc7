/**
 * Cursor paging for a newest-first list: the API gives only `nextCursor` (older), so the cursors of
 * the pages already seen are kept to step back to newer ones.
 */
export class CursorPager {
  /** The cursor of each page from the first (null) to the current one. */
  private readonly trail: Array<string | null> = [null];
  private next: string | null = null;

  get current(): string | null {
    return this.trail[this.trail.length - 1] ?? null;
  }
  get page(): number {
    return this.trail.length;
  }
  get hasOlder(): boolean {
    return this.next !== null;
  }
  get hasNewer(): boolean {
    return this.trail.length > 1;
  }

  /** Records what the page just loaded says about the one after it. */
  loaded(nextCursor: string | null): void {
    this.next = nextCursor;
  }

  older(): void {
    if (this.next) this.trail.push(this.next);
  }

  newer(): void {
    if (this.trail.length > 1) this.trail.pop();
  }

  reset(): void {
    this.trail.splice(1);
    this.next = null;
  }
}
