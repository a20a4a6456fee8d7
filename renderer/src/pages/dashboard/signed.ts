// Changes between periods as text: the sign says which way, so the arrow and
// colour beside it are never the only signal.
import { formatPence } from '../../../../db/money.js';

/** "+£12.34", "−£5.00" (a true minus), "£0.00". */
export function signedPence(pence: number): string {
  return pence > 0 ? `+${formatPence(pence)}` : pence < 0 ? `−${formatPence(-pence)}` : formatPence(0);
}

/** "+5.2%", "−10%"; "new" when nothing was spent before, so there is no percent to give. */
export function signedPercent(percent: number | null): string {
  if (percent === null) return 'new';
  const text = `${Math.abs(percent).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
  return percent > 0 ? `+${text}` : percent < 0 ? `−${text}` : text;
}
