/** zod schemas for API keys. The public shape never carries the secret hash. */
import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { USER_ROLES } from '../users/constants';
import { apiKeys } from './api-keys';

export const selectApiKeySchema = createSelectSchema(apiKeys, { role: z.enum(USER_ROLES), teamIds: z.array(z.string()) });
export const publicApiKeySchema = selectApiKeySchema.omit({ secretHash: true });

export type ApiKey = z.infer<typeof selectApiKeySchema>;
export type PublicApiKey = z.infer<typeof publicApiKeySchema>;
