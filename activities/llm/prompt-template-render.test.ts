/** Rendering of prompt templates: allowlisted variables, one pass, unknown names kept, long text clipped. */
import { KNOWN_TEMPLATE_VARIABLES } from '../../api/templates/template-variables';
import { PROMPT_TEMPLATE_VARIABLES, renderPromptTemplate, TEMPLATE_CHARS, TEMPLATE_VALUE_CHARS, withTemplateSection } from './prompt-template-render';

test('the renderer fills exactly the variables the API calls known (no unknown_variables warning for a filled one)', () => {
  expect([...PROMPT_TEMPLATE_VARIABLES]).toEqual([...KNOWN_TEMPLATE_VARIABLES]);
});

test('known variables are filled (spaces inside braces allowed), a known one without a value renders empty', () => {
  const out = renderPromptTemplate('Goal: {{goal}} / {{ team }} / [{{history}}] / {{goal}}', { goal: 'ship it', team: 'Ops' });
  expect(out).toBe('Goal: ship it / Ops / [] / ship it');
});

test('unknown and declared-but-unfillable placeholders stay as written; nothing is evaluated', () => {
  const body = 'Hi {{customer}} {{task.owner}} {{constructor}} {{__proto__}} {{#each goal}}x{{/each}} {{goal}}';
  expect(renderPromptTemplate(body, { goal: 'g' })).toBe('Hi {{customer}} {{task.owner}} {{constructor}} {{__proto__}} {{#each goal}}x{{/each}} g');
});

test('a value that contains placeholders is not expanded again', () => {
  expect(renderPromptTemplate('{{goal}} for {{team}}', { goal: 'print {{team}} and {{context}}', team: 'Ops' })).toBe('print {{team}} and {{context}} for Ops');
});

test('a huge value and a huge template are cut with a marker', () => {
  const long = renderPromptTemplate('{{context}}', { context: 'c'.repeat(TEMPLATE_VALUE_CHARS * 3) });
  expect(long.length).toBeLessThan(TEMPLATE_VALUE_CHARS + 100);
  expect(long).toMatch(/\[… \d+ characters cut …\]/);
  const huge = renderPromptTemplate(`${'x'.repeat(TEMPLATE_CHARS)} {{goal}} ${'y'.repeat(TEMPLATE_CHARS)}`, { goal: 'g' });
  expect(huge.length).toBeLessThan(TEMPLATE_CHARS + 100);
  expect(huge).toMatch(/characters cut/);
  expect(huge.endsWith('y')).toBe(true);
});

test('the section is appended to the system prompt between markers; the user prompt is untouched', () => {
  const out = withTemplateSection({ system: 'Answer with JSON.', prompt: 'Goal: x' }, 'ops-style', 'Be brief.');
  expect(out.prompt).toBe('Goal: x');
  expect(out.system).toBe('Answer with JSON.\n\n--- Team instructions (prompt template "ops-style") ---\nBe brief.\n--- End of team instructions. The answer format above still applies. ---');
});
