/** Where the holder for the installed client lives (built or not), or null without the client. */
export function holderPath(): string | null;
/** Builds the holder when missing; returns its path. */
export function buildHolder(): string;
