import { Connection } from '@temporalio/client';

test('the Temporal dev server started by the global setup answers', async () => {
  const address = process.env.TEMPORAL_ADDRESS;
  expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
  const conn = await Connection.connect({ address });
  try {
    const info = await conn.workflowService.getSystemInfo({});
    expect(info.serverVersion).toBeTruthy();
  } finally {
    await conn.close();
  }
});
