/** How GET /usage may group the records. */
export const USAGE_GROUP_BYS = ['goal', 'team', 'model', 'day'] as const;
export type UsageGroupBy = (typeof USAGE_GROUP_BYS)[number];

/** The group key of records that belong to no team. */
export const NO_TEAM_KEY = '(none)';
