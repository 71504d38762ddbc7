/** The typed client of users, API keys, the audit log and LLM providers (admin pages). */
import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Page } from './api-types';
import type { ApiKey, AuditLog, CreatedApiKey, NewUser, Provider, ProviderInput, ProviderTest, Role, User } from './admin-types';

const id = (value: string) => encodeURIComponent(value);

@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  listUsers(): Promise<Page<User>> {
    return firstValueFrom(this.http.get<Page<User>>('/users', { params: { limit: 200 } }));
  }

  createUser(body: NewUser): Promise<User> {
    return firstValueFrom(this.http.post<User>('/users', body));
  }

  deleteUser(userId: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/users/${id(userId)}`));
  }

  listApiKeys(): Promise<Page<ApiKey>> {
    return firstValueFrom(this.http.get<Page<ApiKey>>('/api-keys', { params: { limit: 200 } }));
  }

  /** The answer is the only time the key itself is ever shown. */
  createApiKey(body: { name: string; role: Role; teamIds: string[] }): Promise<CreatedApiKey> {
    return firstValueFrom(this.http.post<CreatedApiKey>('/api-keys', body));
  }

  revokeApiKey(keyId: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/api-keys/${id(keyId)}`));
  }

  listAuditLogs(filter: { action?: string; cursor?: string | null; limit?: number } = {}): Promise<Page<AuditLog>> {
    let params = new HttpParams().set('limit', filter.limit ?? 50);
    if (filter.action) params = params.set('action', filter.action);
    if (filter.cursor) params = params.set('cursor', filter.cursor);
    return firstValueFrom(this.http.get<Page<AuditLog>>('/audit-logs', { params }));
  }

  listProviders(): Promise<Page<Provider>> {
    return firstValueFrom(this.http.get<Page<Provider>>('/providers', { params: { limit: 200 } }));
  }

  createProvider(body: ProviderInput): Promise<Provider> {
    return firstValueFrom(this.http.post<Provider>('/providers', body));
  }

  /** The default provider is the one goals use when neither their template nor their team names one. */
  makeDefaultProvider(providerId: string): Promise<Provider> {
    return firstValueFrom(this.http.patch<Provider>(`/providers/${id(providerId)}`, { isDefault: true }));
  }

  deleteProvider(providerId: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/providers/${id(providerId)}`));
  }

  testProvider(providerId: string): Promise<ProviderTest> {
    return firstValueFrom(this.http.post<ProviderTest>(`/providers/${id(providerId)}/test`, {}));
  }
}
