/** One line of a LineChart. */
export interface Series {
  label: string;
  color: string;
  points: ReadonlyArray<{ x: number; y: number }>;
  dashed?: boolean;
}
