// Synchronous reads (better-sqlite3) never give the event loop a turn; a long
// copy calls this between pages so progress, a cancel and other IPC get through.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
