import { createProcessIO } from './io.js';
import { main } from './main.js';

// `molam keys list | head -1` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), createProcessIO());
