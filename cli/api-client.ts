/**
 * The CLI's HTTP client. Token order: ANANTA_TOKEN, then the token saved by `ananta login`, then a
 * login on the fly with ANANTA_USERNAME/ANANTA_PASSWORD (also used once more when a saved token has
 * expired). Problem responses become ApiProblem errors, printed as `error: <title> (<code>): <detail>`.
 */
import type { CliConfig } from './cli-config';
import { readToken, writeToken } from './token-store';

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
  login(username: string, password: string): Promise<{ accessToken: string; expiresIn: number }>;
}

export function createApiClient(config: CliConfig): ApiClient {
  let token: string | undefined = config.token ?? readToken(config.tokenFile, config.baseUrl);

  async function send(path: string, init: RequestInit, auth: boolean): Promise<Response> {
    const headers = new Headers(init.headers);
    if (auth && token) headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetch(config.baseUrl + path, { ...init, headers });
    } catch (err) {
      throw new ApiUnreachable(`cannot reach the Ananta API at ${config.baseUrl} (${(err as Error).cause ?? (err as Error).message}); is it running? (npm start)`);
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

  const client: ApiClient = {
    baseUrl: config.baseUrl,
    async login(username, password) {
      const res = await send('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }, false);
      if (!res.ok) throw await problemOf(res);
      const issued = (await res.json()) as { accessToken: string; expiresIn: number };
      token = issued.accessToken;
      return issued;
    },
    async fetch(path, init = {}) {
      if (!token && config.credentials) await client.login(config.credentials.username, config.credentials.password);
      let res = await send(path, init, true);
      if (res.status === 401 && config.credentials && !config.token) {
        const saved = await client.login(config.credentials.username, config.credentials.password);
        writeToken(config.tokenFile, config.baseUrl, saved.accessToken, saved.expiresIn);
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
