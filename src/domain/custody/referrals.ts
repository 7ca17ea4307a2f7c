import type { CustodyState } from './state.js';

/** A medical referral opened by an injury entry (kz.custody.injury-log). */
export interface InjuryReferral {
  /** The log seq of the injury entry. */
  injurySeq: number;
  /** The moment the injury was observed, as stated. */
  openedAt: string;
  status: 'open' | 'examined';
}

/**
 * kz.custody.injury-log: every injury entry opens a referral to the medical staff; it is answered
 * by a medical examination recorded after it whose stated time is not before the injury's (the
 * same reading as the `custody_referrals` projection).
 */
export function injuryReferrals(state: CustodyState): InjuryReferral[] {
  const referrals: InjuryReferral[] = [];
  for (const item of state.timeline) {
    if (item.event.type === 'injury-recorded')
      referrals.push({ injurySeq: item.seq, openedAt: item.event.payload.at, status: 'open' });
    else if (item.event.type === 'medical-examined') {
      const examinedAt = Date.parse(item.event.payload.at);
      for (const referral of referrals)
        if (referral.status === 'open' && Date.parse(referral.openedAt) <= examinedAt)
          referral.status = 'examined';
    }
  }
  return referrals;
}
