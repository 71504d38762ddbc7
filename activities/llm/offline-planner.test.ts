import { commandForClause, explicitCommands, splitIntoClauses } from './offline-planner';

test.each([
  ['Create a hello.txt with a greeting and verify it', ['Create a hello.txt with a greeting', 'verify it']],
  ['Wait with `sleep 2`. Then report with `echo after`', ['Wait with `sleep 2`', 'report with `echo after`']],
  ['List the files', ['List the files']],
  ['Run `a && b and c`', ['Run `a && b and c`']],
  ['Build it and test', ['Build it and test']],
  ['Wait with `sleep 300; echo x`. Then report with `echo never`', ['Wait with `sleep 300; echo x`', 'report with `echo never`']],
])('splits %j into clauses', (goal, clauses) => {
  expect(splitIntoClauses(goal)).toEqual(clauses);
});

test('clauses become safe commands; "it" refers to the goal\'s file', () => {
  const goal = 'Create a hello.txt with a greeting and verify it';
  expect(commandForClause('Create a hello.txt with a greeting', goal)).toBe(`printf '%s\\n' 'Hello from Ananta!' > 'hello.txt'`);
  expect(commandForClause('verify it', goal)).toBe(`test -s 'hello.txt' && cat 'hello.txt'`);
  expect(commandForClause('ponder the universe', goal)).toBeUndefined();
});

test('backticked commands are taken literally, in order', () => {
  expect(explicitCommands('first `make build` then `make test`')).toEqual(['make build', 'make test']);
});
