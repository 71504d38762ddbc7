/** Goal statuses come from core, the one vocabulary shared with the workflows and the API. */
export { GOAL_STATUSES, type GoalStatus } from '../../../core/statuses';
