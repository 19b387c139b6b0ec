import { createContext, useContext } from 'react';
import { regionProfile } from '../core/content/hotlines';
import type { Locale } from '../core/model/content';
import type { RegionProfile } from '../core/model/region';
import { hotlineLabel } from './strings';

/** Until the state arrives (and for the built-in fallback) the mainland numbers apply. */
export const DEFAULT_REGION: RegionProfile = regionProfile({ region: 'cn' });

/** The screen's region profile, provided once at the root so every card shows the same numbers. */
export const RegionContext = createContext<RegionProfile>(DEFAULT_REGION);

export const useRegion = (): RegionProfile => useContext(RegionContext);

/** The region's hotlines, labelled in one or two languages (`alsoIn` adds a second label). */
export function Hotlines({ locale, alsoIn }: { readonly locale: Locale; readonly alsoIn?: Locale }) {
  const profile = useRegion();
  return (
    <>
      {profile.hotlines.map((h) => {
        const label = (l: Locale): string => h.label ?? hotlineLabel(l, profile.region, h.role);
        return <Hotline key={`${h.role}-${h.number}`} label={alsoIn ? `${label(locale)} ${label(alsoIn)}` : label(locale)} number={h.number} />;
      })}
    </>
  );
}

export function Hotline({ label, number }: { readonly label: string; readonly number: string }) {
  return (
    <span className="hotline">
      <span className="hotline-label">{label}</span>
      <span className="hotline-number">{number}</span>
    </span>
  );
}
