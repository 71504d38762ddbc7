/** Shapes of /api-keys. The key itself appears only in the creation response. */
import { z } from 'zod';
import { USER_ROLES } from '../../db/schema';
import { pageQuery } from '../shared/common.schemas';

export const createApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  role: z.enum(USER_ROLES).default('viewer').describe('What the key may do; viewer (read only) unless set'),
  teamIds: z.array(z.string().min(1).max(200)).max(100).default([]).describe('For an operator key: the teams it acts for'),
});
export type CreateApiKeyBody = z.output<typeof createApiKeyBody>;

export const listApiKeysQuery = z.object(pageQuery);

const apiKeyFields = {
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The public part of the key, to tell keys apart'),
  role: z.enum(USER_ROLES),
  teamIds: z.array(z.string()),
  createdBy: z.string().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
};

export const apiKeySchema = z.object(apiKeyFields).meta({ id: 'ApiKey' });
export const createdApiKeySchema = z
  .object({ ...apiKeyFields, key: z.string().describe('The bearer key (`ak_…`); shown only in this response') })
  .meta({ id: 'CreatedApiKey' });
export const apiKeyPageSchema = z.object({ items: z.array(apiKeySchema), nextCursor: z.string().nullable() }).meta({ id: 'ApiKeyPage' });
