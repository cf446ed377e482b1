/**
 * Ends the process quietly when whoever reads its standard output goes away (`… | head`), instead of
 * failing with an unhandled EPIPE error and its stack trace. Anything else stays an error.
 */
export function exitQuietlyOnBrokenPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
