/** Settings: users, API keys and LLM providers. All three are the API's admin-only endpoints. */
import { Component, inject } from '@angular/core';
import { Auth } from '../../core/auth';
import { ApiKeysSection } from './api-keys-section';
import { ProvidersSection } from './providers-section';
import { UsersSection } from './users-section';

@Component({
  selector: 'app-settings',
  imports: [UsersSection, ApiKeysSection, ProvidersSection],
  template: `
    <div class="page-head"><h1>Settings</h1></div>
    @if (auth.isAdmin()) {
      <div class="stack">
        <app-users-section />
        <app-api-keys-section />
        <app-providers-section />
      </div>
    } @else {
      <p class="empty">Only admins manage users, API keys and LLM providers. Ask an admin for a key or a change.</p>
    }
  `,
})
export class Settings {
  protected readonly auth = inject(Auth);
}
