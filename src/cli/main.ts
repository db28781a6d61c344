// Entry of `rodin-jobs`, the headless front end: parses arguments, runs one command, exits with its code.
import { Command, CommanderError, Option } from 'commander';
import { toCliError } from './error-exit';
import { EXIT, type ExitCode } from './exit-codes';
import { processIo, writeLine, type CliIo } from './io';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const EXIT_CODES_HELP = `
Exit codes:
  0  all tasks done (and downloaded, with --download)
  1  a task failed or was canceled, or a download failed
  2  usage or bad input
  3  no API key, or the key was rejected (401)
  4  --timeout elapsed, or the service was unreachable (for generate: no answer, outcome unknown)
  130  interrupted, or a generation declined at the prompt

Environment:
  RODIN_API_KEY    the API key (else the OS keychain entry of the tray app; see \`rodin-jobs key\`)
  RODIN_BASE_URL   the API base URL (default https://api.hyper3d.com/api)
  NO_COLOR         plain text without colours`;

const INPUT_HELP = 'a subscription key, a generation-response JSON string, a file holding one, or - for stdin';

// Commands are imported when chosen: the build puts each in a chunk of its own, so `--help` parses only this file and
// commander, and a command loads only what it needs.
export function buildProgram(io: CliIo, run: (work: Promise<ExitCode>) => void): Command {
  const program = new Command();
  program
    .name('rodin-jobs')
    .description('Watch Hyper3D Rodin 3D-generation tasks from a terminal, without the tray app.')
    .showHelpAfterError('(run `rodin-jobs --help` for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText('after', EXIT_CODES_HELP);

  const baseUrl = () => new Option('--base-url <url>', 'Rodin API base URL (else RODIN_BASE_URL)');
  const output = () => new Option('--output <format>', 'json: machine-readable output on stdout').choices(['json']);

  program
    .command('watch')
    .description('watch tasks until they finish, live on a terminal; optionally download the results')
    .argument('[input...]', INPUT_HELP)
    .option('--key <subscription-key>', 'a subscription key to watch (repeatable)', collect)
    .option('--task <uuid>', 'the task UUID for the --key at the same position (needed to download)', collect)
    .option('--download <dir>', 'save the results of each finished task into <dir>/<label or task uuid>/')
    .addOption(baseUrl())
    .option('--timeout <duration>', 'give up after this long, e.g. 90s, 30m, 2h (bare numbers are seconds)')
    .addOption(output())
    .action((inputs: string[], opts: Record<string, unknown>) =>
      run(import('./commands/watch').then((m) => m.watchCommand(inputs, opts, io))),
    );

  program
    .command('status')
    .description('check each task once and print its jobs and derived state')
    .argument('[input...]', INPUT_HELP)
    .option('--key <subscription-key>', 'a subscription key to check (repeatable)', collect)
    .option('--task <uuid>', 'the task UUID for the --key at the same position', collect)
    .addOption(baseUrl())
    .addOption(output())
    .action((inputs: string[], opts: Record<string, unknown>) =>
      run(import('./commands/status').then((m) => m.statusCommand(inputs, opts, io))),
    );

  program
    .command('download')
    .description("download a finished task's files")
    .requiredOption('--task <uuid>', 'the task UUID (the top-level "uuid" of the generation response)')
    .requiredOption('--out <dir>', 'the folder to save into')
    .addOption(baseUrl())
    .addOption(output())
    .action((opts: Record<string, unknown>) =>
      run(import('./commands/download').then((m) => m.downloadCommand(opts, io))),
    );

  program
    .command('generate')
    .description('start a new generation (text-to-3D or image-to-3D): shows the cost and asks before spending')
    .option('--prompt <text>', 'what to make (required without --image)')
    .option('--image <file>', 'a PNG, JPEG or WebP picture, up to 5, in order (repeatable)', collect)
    .option('--tier <tier>', `Sketch, Regular, Detail, Smooth, Gen-2, Gen-2.5-… (default: the service's)`)
    .option('--format <format>', 'glb, usdz, fbx, obj or stl')
    .option('--material <material>', 'PBR, Shaded, All or None')
    .option('--quality <quality>', 'high, medium, low or extra-low')
    .option('--faces <n>', 'a face count that overrides --quality (500–2000000)')
    .option('--mesh-mode <mode>', 'Quad or Raw')
    .option('--seed <n>', 'a seed from 0 to 65535, for repeatable results')
    .option('--highpack', 'add the HighPack add-on (+1 credit)')
    .option('--yes', 'submit without asking (needed when not on a terminal)')
    .option('--watch', 'watch the new task until it finishes')
    .option('--download <dir>', 'watch, then save the results into <dir>/<label>/')
    .option('--timeout <duration>', 'with --watch: give up watching after this long')
    .addOption(baseUrl())
    .addOption(output())
    .action((opts: Record<string, unknown>) =>
      run(import('./commands/generate').then((m) => m.generateCommand(opts, io))),
    );

  program
    .command('balance')
    .description('print the remaining credits of the account')
    .addOption(baseUrl())
    .addOption(output())
    .action((opts: Record<string, unknown>) =>
      run(import('./commands/balance').then((m) => m.balanceCommand(opts, io))),
    );

  const key = program.command('key').description('the API key in the OS keychain (the same entry the tray app uses)');
  key
    .command('set')
    .description('store the key: typed at a hidden prompt, or piped on stdin (never as an argument)')
    .action(() => run(import('./commands/key').then((m) => m.keySetCommand(io))));
  key
    .command('clear')
    .description('remove the key from the keychain')
    .action(() => run(import('./commands/key').then((m) => m.keyClearCommand(io))));
  key
    .command('status')
    .description('say where the key comes from, showing only its last four characters')
    .action(() => run(import('./commands/key').then((m) => m.keyStatusCommand(io))));

  program
    .command('sim')
    .description('run the Rodin simulator on 127.0.0.1 until Ctrl+C (for trying the CLI and the tray app)')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--scenario <name>', 'demo (default), mixed or empty')
    .action((opts: Record<string, unknown>) => run(import('./commands/sim').then((m) => m.simCommand(opts, io))));

  program
    .command('demo')
    .description('watch scripted tasks on a local simulator, downloads into a temp folder; no key needed')
    .option('--speed <factor>', 'how much faster than real time the simulated service runs (1–10)', '2')
    .addOption(output())
    .action((opts: Record<string, unknown>) => run(import('./commands/demo').then((m) => m.demoCommand(opts, io))));

  return program;
}

/** Runs the CLI; resolves with the exit code instead of exiting, so the caller decides when the process ends. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let work: Promise<ExitCode> | undefined;
  const program = buildProgram(io, (w) => {
    work = w;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (!work) {
      program.outputHelp();
      return EXIT.usage;
    }
    return await work;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too; commander already printed what was asked for.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const failure = toCliError(error);
    writeLine(io.stderr, `rodin-jobs: ${failure.message}`);
    if (failure.hint) writeLine(io.stderr, failure.hint);
    return failure.exitCode;
  }
}

const io = processIo();
const code = await runCli(process.argv.slice(2), io);
// Let buffered output reach pipes before exiting; exiting explicitly ends keep-alive sockets and stray timers.
await new Promise<void>((resolve) => io.stdout.write('', () => resolve()));
await new Promise<void>((resolve) => io.stderr.write('', () => resolve()));
process.exit(code);
