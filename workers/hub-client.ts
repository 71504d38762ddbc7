/**
 * The worker's side of the hub's registry API: POST /register with the deployment's registration
 * token, POST /workers/{id}/heartbeat with the worker's own token. Plain fetch, bounded by a timeout,
 * so a hub that hangs never stalls the worker's polling.
 */
export interface Registration {
  id: string;
  name: string;
  taskQueue: string;
  token: string;
}

export interface RegisterRequest {
  name: string;
  capabilities: string[];
  maxConcurrency: number;
  url?: string;
}

/** The hub answered with a status we cannot carry on from by ourselves. */
export class HubError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HubError';
  }
}

export interface HubClient {
  register(body: RegisterRequest): Promise<Registration>;
  /** Resolves true when the hub knows the worker; false when it has forgotten it (401/404: register again). */
  heartbeat(registration: Registration, load: number): Promise<boolean>;
}

export function createHubClient(opts: { hubUrl: string; registrationToken: string; timeoutMs?: number }): HubClient {
  const base = opts.hubUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const post = (path: string, token: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  // Problem details carry a code and a message worth showing; never the token we sent.
  const problem = async (res: Response) => `${res.status} ${(await res.text().catch(() => '')).slice(0, 500)}`;

  return {
    async register(body) {
      const res = await post('/register', opts.registrationToken, body);
      if (res.status !== 201) throw new HubError(res.status, `registration refused: ${await problem(res)}`);
      return (await res.json()) as Registration;
    },
    async heartbeat(registration, load) {
      const res = await post(`/workers/${encodeURIComponent(registration.id)}/heartbeat`, registration.token, { load });
      if (res.status === 401 || res.status === 404) return false;
      if (!res.ok) throw new HubError(res.status, `heartbeat refused: ${await problem(res)}`);
      return true;
    },
  };
}
