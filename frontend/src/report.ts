// The response-time report's shape, shared by the agency pages and the
// Ombudsman dashboard.

import { humanWorking } from './format';

export interface Duration {
  seconds: number;
  text: string;
}

export interface DurationStats {
  count: number;
  enoughData: boolean;
  workingMedian: Duration | null;
  workingP90: Duration | null;
  clockMedian: Duration | null;
  clockP90: Duration | null;
}

export interface Share {
  onTime: number;
  of: number;
  enoughData: boolean;
  ratio: number | null;
}

export interface AgencyFigures {
  agency: { slug: string; name: string; shortName: string } | null;
  assigned: number;
  answered: number;
  open: number;
  overdueNow: number;
  acknowledgedOnTime: Share;
  answeredOnTime: Share;
  timeToAcknowledge: DurationStats;
  timeToAnswer: DurationStats;
}

const STATS = 'count enoughData workingMedian { seconds text } workingP90 { seconds text } clockMedian { seconds text } clockP90 { seconds text }';
export const FIGURES = `agency { slug name shortName } assigned answered open overdueNow
  acknowledgedOnTime { onTime of enoughData ratio } answeredOnTime { onTime of enoughData ratio }
  timeToAcknowledge { ${STATS} } timeToAnswer { ${STATS} }`;

export const NOT_ENOUGH = 'Belum cukup data';

export function percent(share: Share): string {
  if (!share.enoughData || share.ratio === null) return NOT_ENOUGH;
  return `${Math.round(share.ratio * 100)}% (${share.onTime} dari ${share.of})`;
}

export function median(stats: DurationStats, basis: 'working' | 'clock' = 'working'): string {
  const d = basis === 'working' ? stats.workingMedian : stats.clockMedian;
  return stats.enoughData && d ? d.text : NOT_ENOUGH;
}

export function p90(stats: DurationStats, basis: 'working' | 'clock' = 'working'): string {
  const d = basis === 'working' ? stats.workingP90 : stats.clockP90;
  return stats.enoughData && d ? d.text : NOT_ENOUGH;
}

/** "82% (9 dari 11)", or why there is no figure. */
export function onTimeShare(share: Share): string {
  if (share.of === 0) return 'Belum ada isu';
  if (!share.enoughData || share.ratio === null) return `${NOT_ENOUGH} (${share.of} isu)`;
  return `${Math.round(share.ratio * 100)}% (${share.onTime} dari ${share.of})`;
}

/** The median in working time a reader understands: "4 jam kerja", "1,5 hari kerja". */
export function medianWorking(stats: DurationStats): string {
  if (stats.count === 0) return 'Belum ada isu';
  return stats.enoughData && stats.workingMedian ? humanWorking(stats.workingMedian.seconds) : `${NOT_ENOUGH} (${stats.count} isu)`;
}

/** The 90th percentile said as "9 of 10 within …": the time, or why there is none. */
export function nineInTen(stats: DurationStats): string {
  if (stats.count === 0) return 'Belum ada isu';
  return stats.enoughData && stats.workingP90 ? humanWorking(stats.workingP90.seconds) : `${NOT_ENOUGH} (${stats.count} isu)`;
}
