/** Read models of /triggers: trigger rows with their webhook path, and a trigger's delivery log. */
import { getTrigger, listTriggers, type ListTriggersInput, type TriggerRow } from '../../db/queries/triggers';
import { listDeliveries } from '../../db/queries/webhook-deliveries';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';

export const WEBHOOK_BASE_PATH = '/triggers/webhook';

export const presentTrigger = (row: TriggerRow) => ({ ...row, webhookPath: `${WEBHOOK_BASE_PATH}/${row.source}/${row.id}` });

export async function getTriggerView(app: ApiContext, id: string) {
  const row = await getTrigger(app.db, id);
  if (!row) throw new NotFoundError('Trigger', id);
  return presentTrigger(row);
}

export async function listTriggersView(app: ApiContext, query: ListTriggersInput) {
  const page = await listTriggers(app.db, query);
  return { items: page.items.map(presentTrigger), nextCursor: page.nextCursor };
}

export async function listTriggerDeliveries(app: ApiContext, id: string, query: { limit?: number; cursor?: string }) {
  if (!(await getTrigger(app.db, id))) throw new NotFoundError('Trigger', id);
  return listDeliveries(app.db, { triggerId: id, ...query });
}
