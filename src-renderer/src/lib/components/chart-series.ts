/** One line of a LineChart. */
export interface Series {
  label: string;
  color: string;
  points: ReadonlyArray<{ x: number; y: number }>;
  dashed?: boolean;
}

/**
 * How every line is drawn between its points: monotone cubic curves stay between each pair of neighbouring
 * points, so the curve never shows a peak or a dip that is not in the data (Bezier tension 0.2 did).
 */
export const LINE_SHAPE = { cubicInterpolationMode: 'monotone' } as const;
