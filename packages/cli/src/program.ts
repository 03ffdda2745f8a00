import { Command } from 'commander';
import type { App } from './app.js';
import { register as registerAggregates } from './commands/aggregates/index.js';
import { register as registerAnalytics } from './commands/analytics/index.js';
import { register as registerCompletion } from './commands/completion.js';
import { register as registerConfig } from './commands/config/index.js';
import { register as registerDev } from './commands/dev/index.js';
import { register as registerEntry } from './commands/entry/index.js';
import { register as registerEvents } from './commands/events/index.js';
import { register as registerHealth } from './commands/health.js';
import { register as registerJobs } from './commands/jobs/index.js';
import { register as registerKafka } from './commands/kafka/index.js';
import { register as registerKeys } from './commands/keys/index.js';
import { register as registerLogin } from './commands/login.js';
import { register as registerLogout } from './commands/logout.js';
import { register as registerMerchants } from './commands/merchants/index.js';
import { register as registerMigrate } from './commands/migrate/index.js';
import { register as registerOutbox } from './commands/outbox/index.js';
import { register as registerPayments } from './commands/payments/index.js';
import { register as registerScreening } from './commands/screening/index.js';
import { register as registerServer } from './commands/server/start.js';
import { register as registerCustomers } from './commands/transfers/customers.js';
import { register as registerTransfers } from './commands/transfers/index.js';
import { register as registerWebhooks } from './commands/webhooks/index.js';
import { decideColor } from './io.js';
import { VERSION } from './version.js';

export { VERSION };

const EXAMPLES = `
Examples:
  molam server start                    run a local sandbox; saves profiles "sandbox" and "sandbox-admin"
  molam --profile sandbox merchants list
  molam login                           store a key (prompted, or piped with --with-token)
  molam keys create --name ci --scope payments:read --json
  molam --profile sandbox payments create --payer 260971234567 --amount 1250 --currency ZMW --wait
                                        amounts in minor units: 1250 = 12.50 ZMW
  molam migrate up                      DATABASE_URL, --database-url or --data-dir (default ./.molam/data)
  molam keys create --admin             the first admin key, written straight into the database
  molam --profile sandbox webhooks listen --forward-to localhost:3000/hooks
                                        events as they happen, signed and POSTed to your local server

Run "molam <command> --help" for the subcommands and flags of a command.`;

/**
 * The whole command tree. Settings made on the root before the first `.command()` (error handling,
 * output streams, help layout) are inherited by every subcommand.
 */
export function createProgram(app: App, mode: { json: boolean }): Command {
  const { io } = app;
  const program = new Command('molam')
    .description(
      'Molam payments platform: payments, API keys, merchants, webhooks, migrations and the reference server',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .option('--profile <name>', 'profile in the config file (env MOLAM_PROFILE; default "default")')
    .option(
      '--base-url <url>',
      'API base URL (env MOLAM_BASE_URL; else the profile; else http://localhost:8080)',
    )
    .option('--json', 'print only JSON on stdout; errors go to stderr as {"error": …}')
    .option('--no-color', 'no colour (also when NO_COLOR is set)')
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // In --json mode stdout holds JSON only, so even help goes to stderr; errors are reported by main.
      writeOut: (text) => (mode.json ? io.stderr : io.stdout).write(text),
      writeErr: (text) => {
        if (!mode.json) io.stderr.write(text);
      },
      outputError: () => {},
    })
    .hook('preAction', (_root, action) => {
      io.color = decideColor(io, action.optsWithGlobals<{ color?: boolean }>().color !== false);
    });

  program.addHelpText('after', EXAMPLES);
  registerLogin(program, app);
  registerLogout(program, app);
  registerConfig(program, app);
  registerKeys(program, app);
  registerMerchants(program, app);
  registerPayments(program, app);
  registerWebhooks(program, app);
  registerEvents(program, app);
  registerAnalytics(program, app);
  registerEntry(program, app);
  registerTransfers(program, app);
  registerCustomers(program, app);
  registerScreening(program, app);
  registerJobs(program, app);
  registerOutbox(program, app);
  registerKafka(program, app);
  registerAggregates(program, app);
  registerDev(program, app);
  registerMigrate(program, app);
  registerServer(program, app);
  registerHealth(program, app);
  registerCompletion(program, app);
  return program;
}
