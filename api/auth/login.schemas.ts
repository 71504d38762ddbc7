/** Request and response shapes of POST /login, /login/refresh and /logout. */
import { z } from 'zod';

export const loginBodySchema = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export const refreshBodySchema = z.strictObject({
  refreshToken: z.string().min(1).max(200).describe('The refresh token of the last login or refresh'),
});

export const tokenResponseSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds until the access token expires'),
    refreshToken: z.string().describe('Single use: POST /login/refresh exchanges it for a new pair; using it twice revokes the session'),
  })
  .meta({ id: 'AccessToken' });

export const noContentSchema = z.void();
