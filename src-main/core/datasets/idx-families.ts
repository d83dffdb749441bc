/** Class names of the MNIST family, by the name a user gives on the command line. */
export const IDX_FAMILIES = {
  'fashion-mnist': { name: 'Fashion-MNIST', classes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'], mirrorable: true },
  // A mirrored digit is another shape (or none): training must not flip them.
  mnist: { name: 'MNIST', classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], mirrorable: false },
} as const satisfies Record<string, { name: string; classes: readonly string[]; mirrorable: boolean }>;
export type IdxFamily = keyof typeof IDX_FAMILIES;
export const IDX_FAMILY_NAMES = Object.keys(IDX_FAMILIES) as [IdxFamily, ...IdxFamily[]];

/** Where Debian's dataset-fashion-mnist package puts the IDX files (the benchmark's and the tests' default). */
export const FASHION_MNIST_DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
