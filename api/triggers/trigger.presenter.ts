/** Read models of /triggers: trigger rows with their webhook path, and a trigger's delivery log. */
import { getTrigger, listTriggers, type ListTriggersInput, type TriggerRow } from '../../db/queries/triggers';
import { listDeliveries, type DeliveryRow } from '../../db/queries/webhook-deliveries';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import { tasksRequestOf } from './delivery-tasks';

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
  const page = await listDeliveries(app.db, { triggerId: id, ...query });
  return { items: page.items.map(presentDelivery), nextCursor: page.nextCursor };
}

/** A delivery log row; an accepted tasks delivery names the tasks it filed. */
export function presentDelivery(row: DeliveryRow) {
  const tasks = row.outcome === 'accepted' ? tasksRequestOf(row.request) : undefined;
  return { ...row, ...(tasks ? { taskIds: tasks.taskIds } : {}) };
}
