/** The shell: skip link, navigation (once logged in, with the number of commands waiting) and the routed page. */
import { Component, inject, type OnInit, signal } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Auth } from './core/auth';
import { PendingApprovals } from './core/pending-approvals';
import { pollEvery } from './core/poll';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.html',
})
export class App implements OnInit {
  protected readonly auth = inject(Auth);
  private readonly pending = inject(PendingApprovals);

  /** Commands waiting for a person, shown on the Approvals link from any page. */
  protected readonly waiting = signal(0);

  private readonly poller = pollEvery(5000, async () => {
    if (!this.auth.loggedIn()) return this.waiting.set(0);
    try {
      this.waiting.set((await this.pending.list()).length);
    } catch {
      // The pages show the API's errors; the count just keeps its last value.
    }
  });

  ngOnInit(): void {
    this.poller.start();
  }
}
