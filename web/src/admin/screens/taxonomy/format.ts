// Counts as the screen words them.

/** "1 item", "3 items". */
export const items = (count: number) => `${count} ${count === 1 ? 'item' : 'items'}`;
