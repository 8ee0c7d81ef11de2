/**
 * Runs `work` while a setImmediate chain counts the turns of the event loop; answers its result and
 * how many turns happened before it settled. Work that holds the process from start to end (a
 * synchronous parse) gives 0 turns, whatever the machine's speed: tests assert on turns, not time.
 */
export async function countEventLoopTurns<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    const result = await work();
    return { result, turns };
  } finally {
    running = false;
  }
}
