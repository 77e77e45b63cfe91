/** Time is injected so tests (and SLA maths later) are exact. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
