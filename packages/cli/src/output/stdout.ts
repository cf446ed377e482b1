/** Writes to stdout with backpressure; a closed pipe (`mmd … | head`) ends the program quietly. */
export async function write(text: string): Promise<void> {
  if (text === '') return;
  if (!process.stdout.write(text)) {
    await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
