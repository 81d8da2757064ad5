/** Umami's realtime view covers the last 30 minutes (it ignores other startAt/endAt values). */
export const REALTIME_WINDOW_MS = 30 * 60 * 1000;
