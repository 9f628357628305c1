// `npm start`: until the server exists (issue #5) this says so and exits non-zero, rather than pretend.
import process from "node:process";

const message = `Stepflow runs AWS Step Functions (Amazon States Language) workflows on your own PostgreSQL and Redis.

The server that \`npm start\` will run (\`stepflow start\`: API, engine and designer on the embedded
PGlite database and in-process queue) is not built yet: see issue #5.

Available now:
  npm test            the test suite (set DATABASE_URL and REDIS_URL to include the service tests)
  npm run lint        ESLint and Prettier
  npm run typecheck   TypeScript over every workspace
`;

process.stderr.write(message);
process.exitCode = 1;
