export * from './business-calendar.js';
export { easterSunday, frenchPublicHolidays } from './holidays.js';
