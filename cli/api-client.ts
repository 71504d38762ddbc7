/**
 * The CLI's HTTP client. Token order: ANANTA_TOKEN, then the session saved by `ananta login` (its
 * access token, or — once that has expired — a new pair from its refresh token, saved again), then a
 * login on the fly with ANANTA_USERNAME/ANANTA_PASSWORD. Problem responses become ApiProblem errors,
 * printed as `error: <title> (<code>): <detail>`.
 */
import type { CliConfig } from './cli-config';
import { accessTokenValid, readSession, writeSession, type IssuedSession, type StoredSession } from './token-store';

export interface Problem {
  title: string;
  status: number;
  code: string;
  detail: string;
  [extra: string]: unknown;
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.title} (${problem.code}): ${problem.detail}`);
  }
}

export class ApiUnreachable extends Error {}

export interface ApiClient {
  baseUrl: string;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** A raw authenticated request (streams). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  login(username: string, password: string): Promise<Required<IssuedSession>>;
  /** Revokes the saved session's refresh token on the server (the caller removes the file). */
  logout(): Promise<void>;
}

export function createApiClient(config: CliConfig): ApiClient {
  let session: StoredSession | undefined = config.token ? undefined : readSession(config.tokenFile, config.baseUrl);
  let token: string | undefined = config.token ?? (accessTokenValid(session) ? session.accessToken : undefined);

  async function send(path: string, init: RequestInit, auth: boolean): Promise<Response> {
    const headers = new Headers(init.headers);
    if (auth && token) headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetch(config.baseUrl + path, { ...init, headers });
    } catch (err) {
      // fetch says only "fetch failed"; the cause says why (an AggregateError, for several addresses, has just a code).
      const { cause, message } = err as Error;
      const why = cause instanceof Error ? cause.message || (cause as NodeJS.ErrnoException).code || message : message;
      throw new ApiUnreachable(`cannot reach the Ananta API at ${config.baseUrl} (${why}); is it running? (npm start)`);
    }
  }

  async function problemOf(res: Response): Promise<ApiProblem> {
    const text = await res.text();
    try {
      const body = JSON.parse(text) as Problem;
      if (body.code) return new ApiProblem(body);
    } catch {
      // not a problem document
    }
    return new ApiProblem({ title: res.statusText || 'Error', status: res.status, code: `http_${res.status}`, detail: text.slice(0, 500) });
  }

  const postJson = (path: string, body: unknown) =>
    send(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, false);

  /** Trades the saved refresh token for a new pair and saves it; false when there is none or it was refused. */
  async function refreshSaved(): Promise<boolean> {
    const refreshToken = session?.refreshToken;
    if (!refreshToken || config.token) return false;
    const res = await postJson('/login/refresh', { refreshToken });
    if (!res.ok) {
      // Used up, revoked or expired: never present it again (a second use would look like a replay).
      session = writeSession(config.tokenFile, config.baseUrl, { accessToken: session!.accessToken, expiresIn: 0 });
      token = undefined;
      return false;
    }
    const issued = (await res.json()) as IssuedSession;
    session = writeSession(config.tokenFile, config.baseUrl, issued);
    token = issued.accessToken;
    return true;
  }

  async function loginWithCredentials(): Promise<boolean> {
    if (!config.credentials || config.token) return false;
    const issued = await client.login(config.credentials.username, config.credentials.password);
    session = writeSession(config.tokenFile, config.baseUrl, issued);
    return true;
  }

  const client: ApiClient = {
    baseUrl: config.baseUrl,
    async login(username, password) {
      const res = await postJson('/login', { username, password });
      if (!res.ok) throw await problemOf(res);
      const issued = (await res.json()) as Required<IssuedSession>;
      token = issued.accessToken;
      return issued;
    },
    async logout() {
      if (!session?.refreshToken) return;
      const res = await postJson('/logout', { refreshToken: session.refreshToken });
      if (!res.ok) throw await problemOf(res);
    },
    async fetch(path, init = {}) {
      if (!token && !(await refreshSaved())) await loginWithCredentials();
      let res = await send(path, init, true);
      if (res.status === 401 && !config.token && ((await refreshSaved()) || (await loginWithCredentials()))) {
        res = await send(path, init, true);
      }
      return res;
    },
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const init: RequestInit = { method };
      if (body !== undefined) init.headers = { 'content-type': 'application/json' };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await client.fetch(path, init);
      if (!res.ok) {
        const { problem } = await problemOf(res);
        if (res.status === 401 && !config.token) problem.detail += ' (run `ananta login`, or set ANANTA_TOKEN)';
        throw new ApiProblem(problem);
      }
      return (await res.json()) as T;
    },
  };
  return client;
}
