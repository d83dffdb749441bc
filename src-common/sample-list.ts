/**
 * Rows of the grid's first answer (listSamples `first`): more than any screen shows, few enough to arrive at once
 * from a million (bench scale measures both). The whole list follows it.
 */
export const GRID_FIRST_PAGE = 2000;
