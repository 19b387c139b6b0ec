export { localDate, localTime, dayNumber, isValidTimeZone } from '../time/local-time';
export { caseOfTheDay } from './case-of-the-day';
export { isOnAir } from './on-hours';
export { activeAlerts, isAlertActive } from './alerts';
export { caseForDate, compileLoop, itemsOfKind } from './loop';
export type { StageStep, LoopInput } from './loop';
export { screenMode } from './screen-mode';
export type { ScreenMode } from './screen-mode';
export { tickerSegments, tickerDurationMs, wholePixelSpeed, tickerPxPerSecond, charsPerSecondAt, tickerRound, coreAndRotated } from './ticker';
