/** Messages between the door and a predict worker (advanced serialization carries the typed arrays). */
export interface PredictRequest {
  type: 'predict';
  modelDir: string;
  pixels: Uint8Array;             // count x side x side x channels
  count: number;
  side: number;
  channels?: number;              // 1 (grayscale) unless given
  flipAverage: boolean;
}

export type PredictReply = { type: 'result'; probs: Float32Array } | { type: 'failed'; error: string };
