#!/usr/bin/env node
import '@trae/kit/require-node';
import { AdminResetError, adminResetLink } from './modules/account/admin-reset.js';

// A one-shot command: its lines go to the terminal, not to the platform's log stream.
process.env.LOG_SHIPPING = 'false';
const login = process.argv[2];
if (!login || process.argv.length > 3) {
  process.stderr.write('usage: npm run admin:reset-password -- <username or email>\n');
  process.exit(2);
}
try {
  const { link, minutes, username } = await adminResetLink(login);
  process.stdout.write(
    `One-time password reset link for ${username} (works once, for ${minutes} minutes):\n${link}\n`,
  );
} catch (err) {
  if (!(err instanceof AdminResetError)) throw err;
  process.stderr.write(`admin:reset-password: ${err.message}\n`);
  process.exit(1);
}
