// Element-wise training kernels. Batch normalization over the last (channel) axis for training: forward with batch statistics and the
// closed-form gradient, each in a few passes over memory (wasm needed a dozen element-wise kernels for the
// same work). Plain loops over channels, vectorized by the compiler for each instruction set (target_clones).
#include <cmath>
#include <vector>

#include "kernels.h"
#include "pool.h"

Pool& kernel_pool();

namespace {

// Rows are split in this many parts; each part sums into its own buffer, then the parts are added in order
// (a fixed order: results do not depend on the thread count).
constexpr int kParts = 16;
constexpr long kChunk = 512;  // rows summed in float before they go into the double totals

FER_CLONES void sum_rows(const float* __restrict x, long r0, long r1, int c, const float* __restrict center,
                         const float* __restrict scale, const float* __restrict dy, double* out_a, double* out_b) {
  std::vector<float> a(c), b(c);
  for (long start = r0; start < r1; start += kChunk) {
    const long end = start + kChunk < r1 ? start + kChunk : r1;
    for (int j = 0; j < c; j++) a[j] = b[j] = 0;
    float* __restrict pa = a.data();
    float* __restrict pb = b.data();
    for (long r = start; r < end; r++) {
      const float* xr = x + r * c;
      if (dy) {  // a += dy, b += dy * xhat
        const float* g = dy + r * c;
        for (int j = 0; j < c; j++) pa[j] += g[j], pb[j] += g[j] * ((xr[j] - center[j]) * scale[j]);
      } else if (center) {  // a += (x - center)^2
        for (int j = 0; j < c; j++) pa[j] += (xr[j] - center[j]) * (xr[j] - center[j]);
      } else {  // a += x
        for (int j = 0; j < c; j++) pa[j] += xr[j];
      }
    }
    for (int j = 0; j < c; j++) out_a[j] += a[j], out_b[j] += b[j];
  }
}

// Per-channel totals over all rows, split across the pool.
void channel_sums(const float* x, long rows, int c, const float* center, const float* scale, const float* dy,
                  std::vector<double>& a, std::vector<double>& b) {
  std::vector<double> pa(static_cast<size_t>(kParts) * c, 0.0), pb(static_cast<size_t>(kParts) * c, 0.0);
  kernel_pool().run(kParts, [&](int p) {
    sum_rows(x, rows * p / kParts, rows * (p + 1) / kParts, c, center, scale, dy, &pa[static_cast<size_t>(p) * c], &pb[static_cast<size_t>(p) * c]);
  });
  a.assign(c, 0.0);
  b.assign(c, 0.0);
  for (int p = 0; p < kParts; p++)
    for (int j = 0; j < c; j++) a[j] += pa[static_cast<size_t>(p) * c + j], b[j] += pb[static_cast<size_t>(p) * c + j];
}

// out = (x - center) * mul + add   or, with dy:   out = k1 * (dy - m_dy - xhat * m_dyx), xhat = (x - center) * scale
FER_CLONES void affine_rows(const float* __restrict x, float* __restrict out, long r0, long r1, int c,
                            const float* __restrict center, const float* __restrict mul, const float* __restrict add) {
  for (long r = r0; r < r1; r++) {
    const float* xr = x + r * c;
    float* o = out + r * c;
    for (int j = 0; j < c; j++) o[j] = (xr[j] - center[j]) * mul[j] + add[j];
  }
}

FER_CLONES void grad_rows(const float* __restrict x, const float* __restrict dy, float* __restrict dx, long r0, long r1,
                          int c, const float* __restrict center, const float* __restrict scale,
                          const float* __restrict k1, const float* __restrict mdy, const float* __restrict mdyx) {
  for (long r = r0; r < r1; r++) {
    const float* xr = x + r * c;
    const float* g = dy + r * c;
    float* o = dx + r * c;
    for (int j = 0; j < c; j++) o[j] = k1[j] * (g[j] - mdy[j] - (xr[j] - center[j]) * scale[j] * mdyx[j]);
  }
}

template <typename F>
void over_rows(long rows, F f) {
  kernel_pool().run(kParts, [&](int p) { f(rows * p / kParts, rows * (p + 1) / kParts); });
}

}  // namespace

FER_CLONES static void relu_grad_range(const float* __restrict dy, const float* __restrict x, float* __restrict dx, long i0, long i1) {
  for (long i = i0; i < i1; i++) dx[i] = x[i] > 0 ? dy[i] : 0.0f;
}

void relu_grad(const float* dy, const float* x, float* dx, long n) {
  over_rows(n, [&](long i0, long i1) { relu_grad_range(dy, x, dx, i0, i1); });
}

void batch_norm_train(const float* x, const float* gamma, const float* beta, float* y, float* mean, float* variance,
                      long rows, int c, float eps) {
  std::vector<double> a, b;
  channel_sums(x, rows, c, nullptr, nullptr, nullptr, a, b);
  for (int j = 0; j < c; j++) mean[j] = static_cast<float>(a[j] / rows);
  channel_sums(x, rows, c, mean, nullptr, nullptr, a, b);
  std::vector<float> mul(c);
  for (int j = 0; j < c; j++) {
    variance[j] = static_cast<float>(a[j] / rows);
    mul[j] = gamma[j] / std::sqrt(variance[j] + eps);
  }
  over_rows(rows, [&](long r0, long r1) { affine_rows(x, y, r0, r1, c, mean, mul.data(), beta); });
}

void batch_norm_grad(const float* dy, const float* x, const float* mean, const float* variance, const float* gamma,
                     float* dx, float* dgamma, float* dbeta, long rows, int c, float eps) {
  std::vector<float> scale(c), k1(c), mdy(c), mdyx(c);
  for (int j = 0; j < c; j++) scale[j] = 1.0f / std::sqrt(variance[j] + eps);
  std::vector<double> sdy, sdyx;
  channel_sums(x, rows, c, mean, scale.data(), dy, sdy, sdyx);
  for (int j = 0; j < c; j++) {
    dbeta[j] = static_cast<float>(sdy[j]);
    dgamma[j] = static_cast<float>(sdyx[j]);
    mdy[j] = static_cast<float>(sdy[j] / rows);
    mdyx[j] = static_cast<float>(sdyx[j] / rows);
    k1[j] = gamma[j] * scale[j];
  }
  over_rows(rows, [&](long r0, long r1) { grad_rows(x, dy, dx, r0, r1, c, mean, scale.data(), k1.data(), mdy.data(), mdyx.data()); });
}
