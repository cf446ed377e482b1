import module from 'node:module';

// Node 22.1+ keeps V8's compiled code between runs (as npm does), so a command starts faster the
// second time; Node 20 has no such cache. It runs before anything else is loaded, hence the import below.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./main');
