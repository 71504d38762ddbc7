/**
 * Goal templates: created, read and listed newest first. An unknown teamId raises the driver's 23503.
 * `getPromptTemplateForCall` is the LLM worker's read: which template shapes one call's prompt.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { goals, roles, tasks, teams, teamTypeRoles, templates, triggers } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type TemplateRow = {
  id: string;
  name: string;
  body: string;
  variables: string[];
  teamId: string | null;
  createdAt: Date;
};

const templateColumns = {
  id: templates.id,
  name: templates.name,
  body: templates.body,
  variables: templates.variables,
  teamId: templates.teamId,
  createdAt: templates.createdAt,
};

export async function createTemplate(
  db: Db,
  input: { id?: string; name: string; body: string; variables?: string[]; teamId?: string },
): Promise<TemplateRow> {
  const [row] = await driverErrors(
    db
      .insert(templates)
      .values({
        id: input.id ?? crypto.randomUUID(),
        name: input.name,
        body: input.body,
        variables: input.variables ?? [],
        teamId: input.teamId,
      })
      .returning(templateColumns),
  );
  return row!;
}

export async function getTemplate(db: Db, id: string): Promise<TemplateRow | undefined> {
  const [row] = await db.select(templateColumns).from(templates).where(eq(templates.id, id));
  return row;
}

/** `teamIds` limits the list to those teams' templates and the shared ones (no team). */
export async function listTemplates(db: Db, opts: { limit?: number; cursor?: string; teamIds?: readonly string[] } = {}): Promise<Page<TemplateRow>> {
  const limit = pageLimit(opts.limit);
  const teamFilter = opts.teamIds === undefined
    ? undefined
    : or(isNull(templates.teamId), opts.teamIds.length > 0 ? inArray(templates.teamId, [...opts.teamIds]) : undefined);
  const rows = await db
    .select(templateColumns)
    .from(templates)
    .where(and(afterCursor(templates, opts.cursor), teamFilter))
    .orderBy(...newestFirst(templates))
    .limit(limit + 1);
  return toPage(rows, limit);
}

export type TemplateChanges = { name?: string; body?: string; variables?: string[]; teamId?: string | null };

/** Changes the fields given; undefined when there is no such template. Unknown teamId → 23503. */
export async function updateTemplate(db: Db, id: string, changes: TemplateChanges): Promise<TemplateRow | undefined> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return getTemplate(db, id);
  const [row] = await driverErrors(db.update(templates).set(set).where(eq(templates.id, id)).returning(templateColumns));
  return row;
}

/** What pointed at a deleted template and no longer does. */
export type ClearedTemplateReferences = { teams: string[]; roles: string[]; teamTypeRoles: { teamTypeId: string; roleId: string }[]; triggers: string[] };

/**
 * Deletes a template after clearing every reference to it (teams, roles, a role within a team type,
 * webhook triggers), in one transaction, and reports what was cleared; undefined when there is none.
 */
export async function deleteTemplate(db: Db, id: string): Promise<ClearedTemplateReferences | undefined> {
  return db.transaction(async (tx) => {
    if (!(await getTemplate(tx, id))) return undefined;
    const clearedTeams = await tx.update(teams).set({ templateId: null }).where(eq(teams.templateId, id)).returning({ id: teams.id });
    const clearedRoles = await tx.update(roles).set({ templateId: null }).where(eq(roles.templateId, id)).returning({ id: roles.id });
    const clearedTypeRoles = await tx
      .update(teamTypeRoles)
      .set({ templateId: null })
      .where(eq(teamTypeRoles.templateId, id))
      .returning({ teamTypeId: teamTypeRoles.teamTypeId, roleId: teamTypeRoles.roleId });
    // Triggers name a template without a foreign key; a deleted one would fail their next delivery.
    const clearedTriggers = await tx.update(triggers).set({ templateId: null }).where(eq(triggers.templateId, id)).returning({ id: triggers.id });
    await tx.delete(templates).where(eq(templates.id, id));
    return {
      teams: clearedTeams.map((r) => r.id),
      roles: clearedRoles.map((r) => r.id),
      teamTypeRoles: clearedTypeRoles,
      triggers: clearedTriggers.map((r) => r.id),
    };
  });
}

/** Where a call's template came from: the goal's own, the acting role's in the team, or the team's default. */
export type PromptTemplateSource = 'goal' | 'role' | 'team';

/** The template for one LLM call, with the facts about the call its variables may need. */
export type PromptTemplateForCall = {
  template: TemplateRow;
  source: PromptTemplateSource;
  /** The acting role: the first of the asked names the team's type allows (or the first asked, without a type). */
  role?: string;
  team?: string;
  /** The goal's context and planned subtask titles, for calls that do not carry them. */
  context?: string;
  subtasks?: string[];
  priority?: string;
};

type CallIds = { goalId?: string; taskId?: string; teamId?: string };

/** The asked roles as the team holds them, in the order asked, each with its effective template id. */
async function roleTemplates(db: Db, typeId: string | null, roleNames: readonly string[]): Promise<{ name: string; templateId: string | null }[]> {
  if (roleNames.length === 0) return [];
  const rows = typeId
    ? await db
      .select({ name: roles.name, typeTemplateId: teamTypeRoles.templateId, templateId: roles.templateId })
      .from(teamTypeRoles)
      .innerJoin(roles, eq(roles.id, teamTypeRoles.roleId))
      .where(and(eq(teamTypeRoles.teamTypeId, typeId), inArray(roles.name, [...roleNames])))
    : (await db.select({ name: roles.name, templateId: roles.templateId }).from(roles).where(inArray(roles.name, [...roleNames])))
      .map((r) => ({ ...r, typeTemplateId: null }));
  // The team type's template for a role overrides the role's own (team_type_roles.template_id).
  return rows
    .map((r) => ({ name: r.name, templateId: r.typeTemplateId ?? r.templateId }))
    .sort((a, b) => roleNames.indexOf(a.name) - roleNames.indexOf(b.name));
}

/**
 * The template that shapes one LLM call: the goal's `templateId`, else the template of the acting role
 * (`roleNames`, most preferred first) within the team's type, else the team's default template; undefined
 * when none applies. Ids that name a deleted template are skipped. The team is the goal's, else the
 * caller's `teamId`, else the task's.
 */
export async function getPromptTemplateForCall(db: Db, ids: CallIds, roleNames: readonly string[]): Promise<PromptTemplateForCall | undefined> {
  let goalTemplateId: string | null = null;
  let teamId = ids.teamId ?? null;
  let context: string | undefined;
  let subtasks: string[] | undefined;
  let priority: string | undefined;
  if (ids.goalId) {
    const [goal] = await db.select({ templateId: goals.templateId, teamId: goals.teamId, context: goals.context, plan: goals.plan }).from(goals).where(eq(goals.id, ids.goalId));
    goalTemplateId = goal?.templateId ?? null;
    teamId = goal?.teamId ?? teamId;
    context = goal?.context ?? undefined;
    subtasks = goal?.plan.map((s) => s.title);
  }
  if (ids.taskId) {
    const [task] = await db.select({ teamId: tasks.teamId, priority: tasks.priority }).from(tasks).where(eq(tasks.id, ids.taskId));
    teamId ??= task?.teamId ?? null;
    priority = task?.priority;
  }
  const [team] = teamId ? await db.select({ name: teams.name, templateId: teams.templateId, typeId: teams.typeId }).from(teams).where(eq(teams.id, teamId)) : [];
  const held = team ? await roleTemplates(db, team.typeId, roleNames) : [];
  const role = held[0]?.name ?? (team && !team.typeId ? roleNames[0] : undefined);

  const candidates: { id: string | null; source: PromptTemplateSource; role?: string }[] = [
    { id: goalTemplateId, source: 'goal' },
    ...held.map((r) => ({ id: r.templateId, source: 'role' as const, role: r.name })),
    { id: team?.templateId ?? null, source: 'team' },
  ];
  for (const candidate of candidates) {
    if (!candidate.id) continue;
    const template = await getTemplate(db, candidate.id);
    if (template) return { template, source: candidate.source, role: candidate.role ?? role, team: team?.name, context, subtasks, priority };
  }
  return undefined;
}
