/** The renderer's window onto the core's contract: types only, so no core code lands in the bundle. */
export type * from '../../../../src-main/core/api.ts';
export type { StudioBridge, CallOutcome, FileAction } from '../../../../src-common/bridge.ts';
