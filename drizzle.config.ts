/** drizzle-kit: `npm run db:generate -- --name <change>` writes a new migration; committed ones are never edited. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
