/** Custom search attributes, so goals can be found in the Temporal Web UI by goal, team and status. */
import { defineSearchAttributeKey } from '@temporalio/common';

export const GOAL_ID_ATTR = defineSearchAttributeKey('AnantaGoalId', 'KEYWORD');
export const TEAM_ATTR = defineSearchAttributeKey('AnantaTeam', 'KEYWORD');
export const STATUS_ATTR = defineSearchAttributeKey('AnantaStatus', 'KEYWORD');

/** `name=Type` pairs for `temporal server start-dev --search-attribute` and `operator search-attribute create`. */
export const SEARCH_ATTRIBUTE_SPECS = ['AnantaGoalId=Keyword', 'AnantaTeam=Keyword', 'AnantaStatus=Keyword'];
