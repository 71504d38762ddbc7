export { createAutopilotActivities, type AutopilotActivities } from './autopilot-activities';
