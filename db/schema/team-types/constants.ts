/** Team types created on first use, with the roles each allows (names; the rows get ids when seeded). */
export const DEFAULT_TEAM_TYPES = [
  { name: 'Scrum', description: 'Sprints over a prioritised backlog', roles: ['Product Owner', 'Scrum Master', 'Developer'] },
  { name: 'Kanban', description: 'Continuous flow with work-in-progress limits', roles: ['Service Delivery Manager', 'Developer'] },
] as const;
