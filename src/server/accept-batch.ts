// Posts whose bodies complete in one event-loop turn are parsed and handed over together, in the
// check phase of that turn, instead of one by one between the HTTP work of the others: parsing
// back to back keeps the parser's code and data in the CPU caches, which measured ~10% less CPU
// per post under load. Order is kept; a lone post waits one setImmediate (about a microsecond).
// The success reply still follows its hand-off (success-after-handoff.ts).

let batch: Array<() => void> = [];

function run(): void {
  const tasks = batch;
  batch = [];
  for (const task of tasks) task(); // each task guards itself: one failure must not cost the others
}

export function inBatch(task: () => void): void {
  if (batch.length === 0) setImmediate(run);
  batch.push(task);
}
