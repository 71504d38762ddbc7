/** The shell: skip link, navigation (once logged in, with the number of commands waiting) and the routed page. */
import { Component, effect, inject, signal } from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { auditTime, filter } from 'rxjs';
import { Auth } from './core/auth';
import { LiveEvents } from './core/live-events';
import { PendingApprovals } from './core/pending-approvals';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.html',
})
export class App {
  protected readonly auth = inject(Auth);
  private readonly pending = inject(PendingApprovals);
  private readonly live = inject(LiveEvents);

  /** Commands waiting for a person, shown on the Approvals link from any page. */
  protected readonly waiting = signal(0);
  /** The navigation, folded behind a Menu button on narrow screens. */
  protected readonly menuOpen = signal(false);

  constructor() {
    // Count again whenever a goal or task changes (a goal's status says when one of its tasks waits),
    // while logged in; the feed is closed when logged out.
    effect((onCleanup) => {
      if (!this.auth.loggedIn()) return this.waiting.set(0);
      void this.count();
      const sub = this.live.changes$.pipe(auditTime(500)).subscribe(() => void this.count()); // a burst is one count
      onCleanup(() => sub.unsubscribe());
    });
    inject(Router)
      .events.pipe(filter((e) => e instanceof NavigationEnd))
      .subscribe(() => this.menuOpen.set(false));
  }

  /**
   * With `<base href="/ui/">` a bare `#main` link would load /ui/ afresh; move the focus to the
   * content instead, which is what a skip link is for.
   */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }

  private async count(): Promise<void> {
    try {
      this.waiting.set((await this.pending.list()).length);
    } catch {
      // The pages show the API's errors; the count just keeps its last value.
    }
  }
}
