import { BUILT_IN_PRICES, createPricing, findPrice } from './prices';

test('dated and tagged model ids are priced by their longest listed stem', () => {
  expect(findPrice(BUILT_IN_PRICES, 'gpt-4o-2024-08-06')).toEqual(BUILT_IN_PRICES['gpt-4o']);
  expect(findPrice(BUILT_IN_PRICES, 'gpt-4o-mini-2024-07-18')).toEqual(BUILT_IN_PRICES['gpt-4o-mini']);
  expect(findPrice(BUILT_IN_PRICES, 'claude-sonnet-4-5-20250929')).toEqual(BUILT_IN_PRICES['claude-sonnet-4-5']);
  expect(findPrice(BUILT_IN_PRICES, 'o3-mini')).toEqual(BUILT_IN_PRICES['o3-mini']);
  expect(findPrice(BUILT_IN_PRICES, 'gpt-4o.1')).toBeUndefined();
});

test('cost is tokens × price per million; deployment overrides win over the built-in table', () => {
  const pricing = createPricing({ overrides: { 'gpt-4o': { inputPerMTokUsd: 1, outputPerMTokUsd: 3 } }, warn: () => {} });
  expect(pricing.costUsd('gpt-4o-mini', 1_000_000, 1_000_000)).toBe(0.75);
  expect(pricing.costUsd('gpt-4o-2024-08-06', 1000, 100)).toBe(0.0013);
});

test('an unpriced model costs 0 and is reported once, unless unpriced models are expected (local servers)', () => {
  const warnings: string[] = [];
  const pricing = createPricing({ warn: (m) => warnings.push(m) });
  expect(pricing.costUsd('my-finetune', 100, 100)).toBe(0);
  expect(pricing.costUsd('my-finetune', 100, 100)).toBe(0);
  expect(warnings).toEqual([expect.stringMatching(/no price known for model "my-finetune".*ANANTA_LLM_PRICES/)]);
  const quiet = createPricing({ builtIn: {}, quietWhenUnpriced: true, warn: (m) => warnings.push(m) });
  expect(quiet.costUsd('llama3.1:8b', 100, 100)).toBe(0);
  expect(warnings).toHaveLength(1);
});
