import type { ComponentType } from 'react';
import type { PanelId } from '../options';
import { TotalsPanel } from './totals/totals-panel';

/** Which component draws each panel id of `?panels=`. */
export const PANELS: Partial<Record<PanelId, ComponentType>> = {
  totals: TotalsPanel,
};
