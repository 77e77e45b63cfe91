import { createContext, useContext } from 'react';
import type { CockpitFilter } from './api';
import type { Period } from './period';

/** The filters the page shows, for the parts that link to exports with the same ones. */
export interface CockpitSelection {
  filter: CockpitFilter;
  period: Period;
}

export const CockpitSelectionContext = createContext<CockpitSelection | null>(null);

export function useCockpitSelection(): CockpitSelection {
  const selection = useContext(CockpitSelectionContext);
  if (!selection) throw new Error('useCockpitSelection outside the cockpit page');
  return selection;
}
