/** Messages between the door and a predict worker (advanced serialization carries the typed arrays). */
export interface PredictRequest {
  type: 'predict';
  modelDir: string;
  pixels: Uint8Array;             // count x side x side
  count: number;
  side: number;
  flipAverage: boolean;
}

export type PredictReply = { type: 'result'; probs: Float32Array } | { type: 'failed'; error: string };
