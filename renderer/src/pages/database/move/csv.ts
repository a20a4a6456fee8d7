// The move report's CSV exports are offered as downloads from the window:
// the rows are already here, and a download needs no file dialog or file
// system access of its own. The CSV itself is written by db/csv.ts.
import { UTF8_BOM } from '../../../../../db/csv.js';

/** Offers `csv` as a download named `fileName`. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([UTF8_BOM, csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
