/** The parser of each source. */
import type { TriggerSource } from '../../../db/schema';
import { genericParser } from './generic';
import { githubParser } from './github';
import { jiraParser } from './jira';
import { slackParser } from './slack';
import type { SourceParser } from './types';

export const PARSERS: Record<TriggerSource, SourceParser> = {
  github: githubParser,
  slack: slackParser,
  jira: jiraParser,
  generic: genericParser,
};

export * from './types';
