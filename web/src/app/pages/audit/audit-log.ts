/** The audit log (admins): logins, API keys, users and providers changed, newest first, a page at a time. */
import { DatePipe, JsonPipe } from '@angular/common';
import { Component, inject, type OnInit, signal } from '@angular/core';
import { AdminApi } from '../../core/admin-api';
import type { AuditLog as AuditEntry } from '../../core/admin-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { CursorPager } from './audit-pager';

/** The actions the API records (its AUDIT_ACTIONS), for the filter. */
export const AUDIT_ACTIONS = [
  'login.succeeded', 'login.failed', 'login.throttled', 'logout', 'refresh_token.reused', 'api_key.created', 'api_key.revoked',
  'user.created', 'user.updated', 'user.deleted', 'llm_provider.created', 'llm_provider.updated', 'llm_provider.deleted',
] as const;

export const PAGE_SIZE = 25;

@Component({
  selector: 'app-audit-log',
  imports: [DatePipe, JsonPipe, ProblemAlert],
  templateUrl: './audit-log.html',
})
export class AuditLog implements OnInit {
  private readonly admin = inject(AdminApi);

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly action = signal('');
  protected readonly entries = signal<AuditEntry[] | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly pager = new CursorPager();

  ngOnInit(): void {
    void this.load();
  }

  protected setAction(value: string): void {
    this.action.set(value);
    this.pager.reset();
    void this.load();
  }

  protected older(): void {
    this.pager.older();
    void this.load();
  }

  protected newer(): void {
    this.pager.newer();
    void this.load();
  }

  protected async load(): Promise<void> {
    this.entries.set(null);
    try {
      const page = await this.admin.listAuditLogs({ action: this.action() || undefined, cursor: this.pager.current, limit: PAGE_SIZE });
      this.pager.loaded(page.nextCursor);
      this.entries.set(page.items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
