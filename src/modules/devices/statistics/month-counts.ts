/** The counts of one month; never anything about a person or a device. */
export interface MonthCounts {
  month: string;
  checked: number;
  reported: number;
  blocked: number;
  traced: number;
  recovered: number;
}
