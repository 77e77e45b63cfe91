// Fails when the Drizzle tables and the committed SQL migrations disagree:
// regenerates into a scratch copy of drizzle/ and looks for a new migration.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';

// drizzle-kit only accepts an output folder relative to the working directory
const scratch = '.drift-check';
rmSync(scratch, { recursive: true, force: true });
try {
  cpSync('drizzle', scratch, { recursive: true });
  const before = new Set(readdirSync(scratch));
  execFileSync(
    'npx',
    [
      'drizzle-kit',
      'generate',
      '--dialect=postgresql',
      '--schema=./src/schema.ts',
      `--out=${scratch}`,
      '--casing=snake_case',
      '--name=drift',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const added = readdirSync(scratch).filter((f) => !before.has(f));
  if (added.length > 0) {
    console.error(
      `Schema drift: the tables need a new migration (${added.join(', ')}). Run npm run db:generate -w @guichet/server.`,
    );
    process.exit(1);
  }
  console.log('migrations: in step with the schema');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
