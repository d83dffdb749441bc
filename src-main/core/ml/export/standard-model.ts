/**
 * A checkpoint's topology rewritten with standard Keras / TF.js layer classes only, so stock
 * `@tensorflow/tfjs-layers` loads it without FER Studio's code: FerBatchNorm is folded into the Conv2D
 * before it (or becomes a plain BatchNormalization where no conv precedes it), FerDropout is left out
 * (dropout is the identity in inference), and the last layer outputs softmax probabilities instead of logits.
 */
import { foldBatchNorm } from './fold-batch-norm.ts';
import type { NamedWeight } from './named-weights.ts';

export interface LayerJson {
  class_name: string;
  config: { name: string; [key: string]: unknown };
}

export interface SequentialTopology {
  class_name: string;
  config: { name?: string; layers: LayerJson[] };
  [key: string]: unknown;
}

/** Layer classes of tfjs-layers that pass through unchanged (the ones our models use, and their plain kin). */
const STANDARD = new Set(['InputLayer', 'Conv2D', 'Dense', 'Activation', 'ReLU', 'Softmax', 'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'Flatten', 'Reshape', 'BatchNormalization', 'Dropout']);
const DROPPED_IN_INFERENCE = new Set(['FerDropout']);

interface Entry {
  layer: LayerJson;
  weights: NamedWeight[];
}

export function toStandardModel(topology: SequentialTopology, weights: ReadonlyMap<string, NamedWeight>): { topology: SequentialTopology; weights: NamedWeight[] } {
  if (topology.class_name !== 'Sequential') throw new Error(`only Sequential models can be exported (this one is ${topology.class_name}).`);
  const weightOf = (layer: string, name: string): NamedWeight => {
    const w = weights.get(`${layer}/${name}`);
    if (!w) throw new Error(`weight ${layer}/${name} is missing from the checkpoint.`);
    return w;
  };
  const weightsOf = (layer: string): NamedWeight[] => [...weights.values()].filter((w) => w.name.startsWith(`${layer}/`));

  const out: Entry[] = [];
  for (const source of topology.config.layers) {
    const layer = structuredClone(source);
    const name = layer.config.name;
    if (DROPPED_IN_INFERENCE.has(layer.class_name)) continue;
    if (layer.class_name === 'FerBatchNorm') {
      const bn = {
        gamma: weightOf(name, 'gamma').values,
        beta: weightOf(name, 'beta').values,
        movingMean: weightOf(name, 'moving_mean').values,
        movingVariance: weightOf(name, 'moving_variance').values,
        epsilon: Number(layer.config['epsilon'] ?? 1e-3),
      };
      const prev = out.at(-1);
      if (prev && prev.layer.class_name === 'Conv2D' && (prev.layer.config['activation'] ?? 'linear') === 'linear') {
        const convName = prev.layer.config.name;
        const kernel = weightOf(convName, 'kernel');
        const bias = prev.layer.config['use_bias'] ? weightOf(convName, 'bias').values : null;
        const folded = foldBatchNorm(kernel.values, bias, bn);
        prev.layer.config['use_bias'] = true;
        prev.weights = [
          { name: kernel.name, shape: kernel.shape, values: folded.kernel },
          { name: `${convName}/bias`, shape: [folded.bias.length], values: folded.bias },
        ];
      } else {
        const c = [bn.gamma.length];
        out.push({
          layer: { class_name: 'BatchNormalization', config: { name, trainable: false, axis: -1, momentum: layer.config['momentum'] ?? 0.99, epsilon: bn.epsilon, center: true, scale: true } },
          weights: (['gamma', 'beta', 'moving_mean', 'moving_variance'] as const).map((w) => ({ ...weightOf(name, w), shape: c })),
        });
      }
      continue;
    }
    if (!STANDARD.has(layer.class_name)) throw new Error(`layer ${name} is a ${layer.class_name}, which has no standard TF.js equivalent to export.`);
    out.push({ layer, weights: weightsOf(name) });
  }

  const last = out.at(-1)?.layer;
  if (!last) throw new Error('the model has no layers.');
  if ((last.config['activation'] ?? null) === 'linear') last.config['activation'] = 'softmax';
  else out.push({ layer: { class_name: 'Activation', config: { name: 'probabilities', trainable: false, activation: 'softmax' } }, weights: [] });

  return {
    topology: { ...topology, config: { ...topology.config, layers: out.map((e) => e.layer) } },
    weights: out.flatMap((e) => e.weights),
  };
}
