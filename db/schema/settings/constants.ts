/** Well-known setting keys, so no caller spells one by hand. */
export const SETTING_KEYS = {
  /** HMAC secret for the JWTs of POST /login; shared by every API replica through this table. */
  jwtSecret: 'jwt_secret',
  /** The auto-planner's settings (JSON), changed by POST /tasks/auto-planner/configure. */
  autoPlanner: 'auto_planner',
} as const;
export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];
