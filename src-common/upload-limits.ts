/**
 * Bounds of predictUploads, so one call cannot hold the server's memory. Shared by the contract (schema and
 * body limit) and the Results view (which splits a large selection into calls under them); no imports, so
 * the renderer bundles only these numbers.
 */
export const UPLOAD_LIMITS = { imageBytes: 8 * 1024 * 1024, images: 200, callBytes: 16 * 1024 * 1024 } as const;
