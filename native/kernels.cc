// Instruction-set dispatch and the threading of the kernels in kernels.inc. Compiled with plain -O3 (no
// -march): the SIMD bodies are built for AVX-512, AVX2+FMA and SSE2 and picked at run time, so one binary
// runs on any x86-64 (and ARM builds take the generic path).
#include "kernels.h"

#include <cstring>
#include <type_traits>
#include <vector>

#include "pool.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define FER_X86 1
#pragma GCC push_options
#pragma GCC target("avx512f,avx512vl,avx2,fma")
namespace avx512 {
constexpr int VW = 16, MR = 12;
#include "kernels.inc"
}  // namespace avx512
#pragma GCC pop_options
#pragma GCC push_options
#pragma GCC target("avx2,fma")
namespace avx2 {
constexpr int VW = 8, MR = 6;
#include "kernels.inc"
}  // namespace avx2
#pragma GCC pop_options
#endif

namespace generic {
constexpr int VW = 4, MR = 4;
#include "kernels.inc"
}  // namespace generic

namespace {

// Never destroyed: its detached workers wait on its condition variable until the process ends (glibc's
// pthread_cond_destroy would block on them at exit).
Pool& pool = *new Pool;

enum Level { kGeneric, kAvx2, kAvx512, kLevels };
constexpr const char* kIsaNames[kLevels] = {"generic", "avx2", "avx512"};

Level detect() {
#ifdef FER_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")) return kAvx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return kAvx2;
#endif
  return kGeneric;
}

const Level cpu_level = detect();
// Read by the calling thread when a kernel starts (set_isa is for tests, between calls).
Level level = cpu_level;

long round_up(long n, long m) { return (n + m - 1) / m * m; }

// Copies rows of `cols` floats into rows of `ld` floats, zero filled (null when no padding is needed).
const float* padded(const float* src, long rows, long cols, long ld, std::vector<float>& buf) {
  if (ld == cols || src == nullptr) return src;
  buf.assign(rows * ld, 0.0f);
  for (long r = 0; r < rows; r++) std::memcpy(&buf[r * ld], src + r * cols, cols * sizeof(float));
  return buf.data();
}

template <typename Isa, int NV>
void conv2d_with(const float* x, const float* w, const float* bias, float* y, const ConvShape& s, Activation act) {
  // The filter packed by strips of NV*VW output channels ([strip][kH*kW*inC][NV*VW], zero padded): a tile
  // then reads its weights as one sequential stream (with 128 channels, rows 512 bytes apart were 2x slower).
  constexpr int NR = NV * Isa::lanes;
  const long k = static_cast<long>(s.kH) * s.kW * s.inC;
  const long ldw = round_up(s.outC, NR);
  std::vector<float> packed(ldw * k, 0.0f), bbuf;
  for (long strip = 0; strip < ldw / NR; strip++)
    for (long kk = 0; kk < k; kk++)
      for (int j = 0; j < NR && strip * NR + j < s.outC; j++) packed[(strip * k + kk) * NR + j] = w[kk * s.outC + strip * NR + j];
  const float* bp = padded(bias, 1, s.outC, ldw, bbuf);
  pool.run(s.batch * s.outH, [&](int task) {
    Isa::template conv<NV>(x, packed.data(), bp, y, s, task / s.outH, task % s.outH, act);
  });
}

template <typename Isa, int NV>
void filter_grad_with(const float* x, const float* dy, float* dw, const ConvShape& s) {
  const long ldw = round_up(s.outC, NV * Isa::lanes);
  const long pixels = static_cast<long>(s.batch) * s.outH * s.outW;
  std::vector<float> dybuf;
  const float* dyp = padded(dy, pixels, s.outC, ldw, dybuf);
  const long size = static_cast<long>(s.kH) * s.kW * s.inC * ldw;
  const int parts = pool.threads();
  std::vector<std::vector<float>> partial(parts, std::vector<float>(size, 0.0f));
  const int total = s.batch * s.outH;
  pool.run(parts, [&](int p) {
    const int r0 = static_cast<int>(static_cast<long>(total) * p / parts);
    const int r1 = static_cast<int>(static_cast<long>(total) * (p + 1) / parts);
    // Blocks of a few output rows keep their x and dy in cache while every tile passes over them.
    for (int r = r0; r < r1; r += 4) Isa::template filter_grad<NV>(x, dyp, ldw, partial[p].data(), ldw, s, r, r + 4 < r1 ? r + 4 : r1);
  });
  const long kRows = static_cast<long>(s.kH) * s.kW * s.inC;
  for (long k = 0; k < kRows; k++)
    for (int c = 0; c < s.outC; c++) {
      float sum = 0;
      for (int p = 0; p < parts; p++) sum += partial[p][k * ldw + c];
      dw[k * s.outC + c] = sum;
    }
}

// dst[c * ldd + r] = src[r * cols + c], in cache-sized blocks.
void transpose(const float* src, long rows, long cols, float* dst, long ldd) {
  constexpr long kB = 32;
  for (long r0 = 0; r0 < rows; r0 += kB)
    for (long c0 = 0; c0 < cols; c0 += kB)
      for (long r = r0; r < r0 + kB && r < rows; r++)
        for (long c = c0; c < c0 + kB && c < cols; c++) dst[c * ldd + r] = src[r * cols + c];
}

template <typename Isa, int NV>
void matmul_with(const float* a, const float* b, float* c, int batch, int m, int k, int n, bool transA, bool transB,
                 bool broadcastA, bool broadcastB) {
  const long ldb = round_up(n, NV * Isa::lanes);
  std::vector<float> bbuf;
  const float* bp = nullptr;
  for (int i = 0; i < batch; i++) {
    const float* ai = a + (broadcastA ? 0 : static_cast<long>(i) * m * k);
    if (i == 0 || !broadcastB) {  // Bp = op(B), [k x ldb], zero padded; once when B is shared by the batch
      const float* bi = b + static_cast<long>(i) * k * n;
      if (transB) {
        bbuf.assign(static_cast<long>(k) * ldb, 0.0f);
        transpose(bi, n, k, bbuf.data(), ldb);
        bp = bbuf.data();
      } else {
        bp = padded(bi, k, n, ldb, bbuf);
      }
    }
    const long sai = transA ? 1 : k, sak = transA ? m : 1;
    float* ci = c + static_cast<long>(i) * m * n;
    const int chunk = 24;
    const int tasks = (m + chunk - 1) / chunk;
    pool.run(tasks, [&](int t) {
      const int i0 = t * chunk, i1 = i0 + chunk < m ? i0 + chunk : m;
      Isa::template gemm<NV>(ai, sai, sak, bp, ldb, ci, n, i0, i1, k);
    });
  }
}

template <int NV>
using Vectors = std::integral_constant<int, NV>;

// Calls body(Isa, Vectors<NV>) with the widest instruction set this CPU has, and two vectors of outputs per
// register tile when `outputs` fills them, else one (less padding).
template <typename Body>
void with_widest_kernels(int outputs, Body body) {
#ifdef FER_X86
  if (level == kAvx512) return outputs >= 32 ? body(avx512::Isa{}, Vectors<2>{}) : body(avx512::Isa{}, Vectors<1>{});
  if (level == kAvx2) return outputs >= 16 ? body(avx2::Isa{}, Vectors<2>{}) : body(avx2::Isa{}, Vectors<1>{});
#endif
  body(generic::Isa{}, Vectors<2>{});
}

}  // namespace

Pool& kernel_pool() { return pool; }

void set_threads(int n) { pool.set_threads(n); }
int get_threads() { return pool.threads(); }

const char* simd_level() { return kIsaNames[level]; }

const char* const* supported_isas(int* count) {
  static const char* best_first[kLevels];
  for (int l = cpu_level; l >= 0; l--) best_first[cpu_level - l] = kIsaNames[l];
  *count = cpu_level + 1;
  return best_first;
}

bool set_isa(const char* name) {
  for (int l = 0; l <= cpu_level; l++)
    if (std::strcmp(name, kIsaNames[l]) == 0) return level = static_cast<Level>(l), true;
  return false;
}

void conv2d(const float* x, const float* w, const float* bias, float* y, const ConvShape& s, Activation act) {
  with_widest_kernels(s.outC, [&](auto isa, auto nv) { conv2d_with<decltype(isa), decltype(nv)::value>(x, w, bias, y, s, act); });
}

void conv2d_filter_grad(const float* x, const float* dy, float* dw, const ConvShape& s) {
  with_widest_kernels(s.outC, [&](auto isa, auto nv) { filter_grad_with<decltype(isa), decltype(nv)::value>(x, dy, dw, s); });
}

void matmul(const float* a, const float* b, float* c, int batch, int m, int k, int n, bool transA, bool transB,
            bool broadcastA, bool broadcastB) {
  // A * B^T with a big B (a dense layer's input gradient: B is the [n x k] weight): computing C^T = B * op(A)^T
  // and transposing it moves m*(k+n) floats instead of transposing all of B.
  if (transB && static_cast<long>(m) * (k + n) < static_cast<long>(k) * n) {
    std::vector<float> ct(static_cast<long>(batch) * n * m);
    matmul(b, a, ct.data(), batch, n, k, m, false, !transA, broadcastB, broadcastA);
    for (int i = 0; i < batch; i++) transpose(ct.data() + static_cast<long>(i) * n * m, n, m, c + static_cast<long>(i) * m * n, n);
    return;
  }
  with_widest_kernels(n, [&](auto isa, auto nv) {
    matmul_with<decltype(isa), decltype(nv)::value>(a, b, c, batch, m, k, n, transA, transB, broadcastA, broadcastB);
  });
}

void max_pool_grad(const float* x, const float* dy, float* dx, const ConvShape& s) {
  std::memset(dx, 0, sizeof(float) * s.batch * s.inH * s.inW * s.inC);
  pool.run(s.batch, [&](int b) {
    for (int oy = 0; oy < s.outH; oy++) {
      const int y0 = oy * s.strideH - s.padTop;
      for (int ox = 0; ox < s.outW; ox++) {
        const int x0 = ox * s.strideW - s.padLeft;
        const float* g = dy + ((static_cast<long>(b) * s.outH + oy) * s.outW + ox) * s.inC;
        for (int c = 0; c < s.inC; c++) {
          float best = -__builtin_inff();
          long at = -1;
          for (int yy = y0 < 0 ? 0 : y0; yy < y0 + s.kH && yy < s.inH; yy++)
            for (int xx = x0 < 0 ? 0 : x0; xx < x0 + s.kW && xx < s.inW; xx++) {
              const long i = ((static_cast<long>(b) * s.inH + yy) * s.inW + xx) * s.inC + c;
              if (x[i] > best) best = x[i], at = i;
            }
          if (at >= 0) dx[at] += g[c];
        }
      }
    }
  });
}
