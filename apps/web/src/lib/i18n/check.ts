import type en from './en.json';
import type fr from './fr.json';

/** tsc fails when the English catalogue lacks a key the French one has (and vice versa). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export const catalogsMatch: Same<Shape<typeof fr>, Shape<typeof en>> = true;
