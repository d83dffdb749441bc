// Instruction-set dispatch, packing and threading of the kernels in kernels.inc. Compiled with plain -O3
// (no -march): the SIMD bodies are built for AVX-512 (+ BF16), AVX2+FMA and SSE2 and picked at run time, so
// one binary runs on any x86-64 (and ARM builds take the generic path).
#include "kernels.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "pool.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define FER_X86 1
#include <immintrin.h>
// Only the bf16 kernels are used from here (fp32 ones come from avx512): one vdpbf16ps per reduction step.
#pragma GCC push_options
#pragma GCC target("avx512f,avx512vl,avx512bw,avx512bf16,avx2,fma")
namespace avx512bf16 {
constexpr int VW = 16, MR = 12;
#define FER_BF16_HW 1
#include "kernels.inc"
#undef FER_BF16_HW
}  // namespace avx512bf16
#pragma GCC pop_options
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

// One pool per JavaScript thread that calls the kernels: run() is not reentrant, and in the desktop app a scan's
// fold workers are worker_threads of one process (the RunAsNode fuse is off, so no Node child can be forked), each
// training its own fold at once. Never destroyed: its detached workers wait on its condition variable until the
// process ends (glibc's pthread_cond_destroy would block on them at exit).
Pool& this_thread_pool() {
  thread_local Pool* pool = new Pool;
  return *pool;
}

enum Level { kGeneric, kAvx2, kAvx512, kAvx512Bf16, kLevels };
constexpr const char* kIsaNames[kLevels] = {"generic", "avx2", "avx512", "avx512bf16"};

Level detect() {
#ifdef FER_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")) {
    const bool bf16 = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512bf16");
    return bf16 ? kAvx512Bf16 : kAvx512;
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return kAvx2;
#endif
  return kGeneric;
}

const Level cpu_level = detect();
// Read by the calling thread when a kernel starts (set_isa is for tests, between calls).
Level level = cpu_level;

// fp32 by default until bf16's accuracy parity (issue 21) is measured on a CPU with AVX512_BF16.
enum Precision { kFp32, kBf16, kAuto, kPrecisions };
constexpr const char* kPrecisionNames[kPrecisions] = {"fp32", "bf16", "auto"};
Precision precision_setting = kFp32;

bool bf16_active() { return precision_setting == kBf16 || (precision_setting == kAuto && level == kAvx512Bf16); }

// fp32 -> bf16 bits, rounded to nearest even as vcvtneps2bf16 does; a NaN stays a (quiet) NaN. Branch-free,
// so that the packing loops vectorize.
inline uint32_t bf16(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  const uint32_t rounded = (u + 0x7fffu + ((u >> 16) & 1u)) >> 16;
  return (u & 0x7fffffffu) > 0x7f800000u ? (u >> 16) | 0x40u : rounded;
}

// The word kernels.inc reduces two terms of: `lo` first along the reduction.
inline uint32_t pair(float lo, float hi) { return bf16(lo) | bf16(hi) << 16; }

// out[i] = pair(lo[i], hi[i]), a null row standing for zeros. The filter gradient's packing: vectorized per
// instruction set, as it converts 1/outC as many values as the kernel multiplies (scalar, it took 25% of an
// emulated bf16 filter gradient, which would be more than the vdpbf16ps kernel itself).
FER_CLONES void pair_rows(const float* __restrict lo, const float* __restrict hi, uint32_t* __restrict out, long n) {
  if (lo && hi) for (long i = 0; i < n; i++) out[i] = pair(lo[i], hi[i]);
  else if (lo) for (long i = 0; i < n; i++) out[i] = bf16(lo[i]);
  else for (long i = 0; i < n; i++) out[i] = bf16(hi[i]) << 16;
}

// [pixels][channels] floats -> [pixels][ceil(channels / 2)] words (one pass; vectorized when channels is even).
FER_CLONES void to_pairs(const float* __restrict x, long pixels, int channels, uint32_t* __restrict out) {
  if (channels % 2 == 0) {
    for (long i = 0; i < pixels * channels / 2; i++) out[i] = pair(x[2 * i], x[2 * i + 1]);
    return;
  }
  const int words = (channels + 1) / 2;
  for (long p = 0; p < pixels; p++, x += channels, out += words) {
    for (int w = 0; w < channels / 2; w++) out[w] = pair(x[2 * w], x[2 * w + 1]);
    out[words - 1] = bf16(x[channels - 1]);
  }
}

long round_up(long n, long m) { return (n + m - 1) / m * m; }

// Copies rows of `cols` floats into rows of `ld` floats, zero filled (null when no padding is needed).
const float* padded(const float* src, long rows, long cols, long ld, std::vector<float>& buf) {
  if (ld == cols || src == nullptr) return src;
  buf.assign(rows * ld, 0.0f);
  for (long r = 0; r < rows; r++) std::memcpy(&buf[r * ld], src + r * cols, cols * sizeof(float));
  return buf.data();
}

// Terms of a reduction of n terms in groups of `group` (a convolution's channels within one tap) as the
// kernels read them: n floats, or (T = uint32_t) the bf16 words of each group's term pairs, an odd group's
// last term paired with 0.
template <typename T>
long terms(long n, long group) {
  return std::is_same_v<T, float> ? n : n / group * ((group + 1) / 2);
}

// Packed row kk of a reduction-major matrix (term t's `cols` values at src + t * ld) into out, as T (above).
template <typename T>
void pack_row(const float* src, long ld, long kk, long group, T* out, long cols) {
  if constexpr (std::is_same_v<T, float>) {
    std::memcpy(out, src + kk * ld, cols * sizeof(float));
  } else {
    const long words = (group + 1) / 2, t = kk / words * group + kk % words * 2;
    pair_rows(src + t * ld, kk % words * 2 + 1 < group ? src + (t + 1) * ld : nullptr, out, cols);
  }
}

// T = float runs fp32; T = uint32_t runs bf16 on the same kernels, the input and filter packed as words
// (channel pairs: the shape the kernels see has inC = ceil(inC / 2)).
template <typename Isa, int NV, typename T>
void conv2d_with(const float* x, const float* w, const float* bias, float* y, const ConvShape& s, Activation act) {
  // The filter packed by strips of NV*VW output channels ([strip][kH*kW*inC][NV*VW], zero padded): a tile
  // then reads its weights as one sequential stream (with 128 channels, rows 512 bytes apart were 2x slower).
  constexpr int NR = NV * Isa::lanes;
  const long k = terms<T>(static_cast<long>(s.kH) * s.kW * s.inC, s.inC);
  const long ldw = round_up(s.outC, NR);
  std::vector<T> packed(ldw * k, T{});
  for (long strip = 0; strip < ldw / NR; strip++)
    for (long kk = 0; kk < k; kk++)
      pack_row<T>(w + strip * NR, s.outC, kk, s.inC, &packed[(strip * k + kk) * NR], std::min<long>(NR, s.outC - strip * NR));
  std::vector<float> bbuf;
  const float* bp = padded(bias, 1, s.outC, ldw, bbuf);
  ConvShape sk = s;
  const T* xk;
  std::vector<uint32_t> xbuf;
  if constexpr (std::is_same_v<T, float>) {
    xk = x;
  } else {
    sk.inC = static_cast<int>(terms<T>(s.inC, s.inC));
    const long pixels = static_cast<long>(s.inH) * s.inW;
    xbuf.resize(s.batch * pixels * sk.inC);
    this_thread_pool().run(s.batch, [&](int b) { to_pairs(x + b * pixels * s.inC, pixels, s.inC, xbuf.data() + b * pixels * sk.inC); });
    xk = xbuf.data();
  }
  this_thread_pool().run(s.batch * s.outH, [&](int task) {
    Isa::template conv<NV>(xk, packed.data(), bp, y, sk, task / s.outH, task % s.outH, act);
  });
}

// bf16 filter gradient of output rows [r0, r1) added to dw ([kH*kW*inC][ldw]): a GEMM over pairs of output
// pixels (the reduction), A = those pixels' input taps as words ([pair][kH*kW*inC], zero outside the image)
// and B = their dy as words ([pair][ldw]), both packed here so they stay in cache.
template <typename Isa, int NV>
void filter_grad_block_bf16(const float* x, const float* dy, float* dw, long ldw, const ConvShape& s, int r0, int r1) {
  const int q = (s.outW + 1) / 2;
  const long pairs = static_cast<long>(r1 - r0) * q, k = static_cast<long>(s.kH) * s.kW * s.inC;
  thread_local std::vector<uint32_t> a, b;
  a.assign(pairs * k, 0);
  b.assign(pairs * ldw, 0);
  for (int row = r0; row < r1; row++) {
    const int n = row / s.outH, oy = row % s.outH;
    for (int i = 0; i < q; i++) {
      const long p = static_cast<long>(row - r0) * q + i;
      const int ox = 2 * i;
      const bool second = ox + 1 < s.outW;
      const float* d = dy + (static_cast<long>(row) * s.outW + ox) * s.outC;
      pair_rows(d, second ? d + s.outC : nullptr, &b[p * ldw], s.outC);
      for (int kh = 0; kh < s.kH; kh++) {
        const int ih = oy * s.strideH - s.padTop + kh;
        if (ih < 0 || ih >= s.inH) continue;
        for (int kw = 0; kw < s.kW; kw++) {
          const int iw = ox * s.strideW - s.padLeft + kw;
          const bool in0 = iw >= 0 && iw < s.inW, in1 = second && iw + s.strideW >= 0 && iw + s.strideW < s.inW;
          if (!in0 && !in1) continue;
          const float* x0 = x + ((static_cast<long>(n) * s.inH + ih) * s.inW + iw) * s.inC;
          pair_rows(in0 ? x0 : nullptr, in1 ? x0 + static_cast<long>(s.strideW) * s.inC : nullptr, &a[p * k + (kh * s.kW + kw) * s.inC], s.inC);
        }
      }
    }
  }
  Isa::template gemm<NV>(a.data(), 1L, k, b.data(), ldw, dw, static_cast<int>(ldw), 0, static_cast<int>(k), static_cast<int>(pairs), true);
}

template <typename Isa, int NV, typename T>
void filter_grad_with(const float* x, const float* dy, float* dw, const ConvShape& s) {
  const long ldw = round_up(s.outC, NV * Isa::lanes);
  const long pixels = static_cast<long>(s.batch) * s.outH * s.outW;
  const long kRows = static_cast<long>(s.kH) * s.kW * s.inC;
  std::vector<float> dybuf;
  const float* dyp = std::is_same_v<T, float> ? padded(dy, pixels, s.outC, ldw, dybuf) : dy;
  // Blocks of a few output rows keep their x and dy in cache while every tile passes over them (bf16: about
  // 64K words of packed input taps per block).
  const long tapsPerRow = static_cast<long>((s.outW + 1) / 2) * kRows;
  const int block = std::is_same_v<T, float> ? 4 : static_cast<int>(tapsPerRow >= 65536 ? 1 : 65536 / tapsPerRow > 16 ? 16 : 65536 / tapsPerRow);
  const int parts = this_thread_pool().threads();
  std::vector<std::vector<float>> partial(parts, std::vector<float>(kRows * ldw, 0.0f));
  const int total = s.batch * s.outH;
  this_thread_pool().run(parts, [&](int p) {
    const int r0 = static_cast<int>(static_cast<long>(total) * p / parts);
    const int r1 = static_cast<int>(static_cast<long>(total) * (p + 1) / parts);
    for (int r = r0; r < r1; r += block) {
      const int end = r + block < r1 ? r + block : r1;
      if constexpr (std::is_same_v<T, float>) Isa::template filter_grad<NV>(x, dyp, ldw, partial[p].data(), ldw, s, r, end);
      else filter_grad_block_bf16<Isa, NV>(x, dy, partial[p].data(), ldw, s, r, end);
    }
  });
  for (long k = 0; k < kRows; k++)
    for (int c = 0; c < s.outC; c++) {
      float sum = 0;
      for (int p = 0; p < parts; p++) sum += partial[p][k * ldw + c];
      dw[k * s.outC + c] = sum;
    }
}

// dst[c * ldd + r] = src[r * cols + c], in cache-sized blocks.
template <typename T>
void transpose(const T* src, long rows, long cols, T* dst, long ldd) {
  constexpr long kB = 32;
  for (long r0 = 0; r0 < rows; r0 += kB)
    for (long c0 = 0; c0 < cols; c0 += kB)
      for (long r = r0; r < r0 + kB && r < rows; r++)
        for (long c = c0; c < c0 + kB && c < cols; c++) dst[c * ldd + r] = src[r * cols + c];
}

// T = float runs fp32; T = uint32_t runs bf16: op(B) packed as words of k-pairs once, and each task packs
// its own rows of op(A) (so the packing is threaded and stays in cache).
template <typename Isa, int NV, typename T>
void matmul_with(const float* a, const float* b, float* c, int batch, int m, int k, int n, bool transA, bool transB,
                 bool broadcastA, bool broadcastB) {
  const long ldb = round_up(n, NV * Isa::lanes);
  const long kt = terms<T>(k, k);
  std::vector<T> bbuf;
  const T* bp = nullptr;
  for (int i = 0; i < batch; i++) {
    const float* ai = a + (broadcastA ? 0 : static_cast<long>(i) * m * k);
    if (i == 0 || !broadcastB) {  // Bp = op(B), [k x ldb], zero padded; once when B is shared by the batch
      const float* bi = b + static_cast<long>(i) * k * n;
      if constexpr (std::is_same_v<T, float>) {
        if (transB) {
          bbuf.assign(static_cast<long>(k) * ldb, 0.0f);
          transpose(bi, n, k, bbuf.data(), ldb);
          bp = bbuf.data();
        } else {
          bp = padded(bi, k, n, ldb, bbuf);
        }
      } else if (transB) {  // [n][k]: each row's pairs, then the rows turned into columns
        std::vector<uint32_t> rows(n * kt);
        to_pairs(bi, n, k, rows.data());
        bbuf.assign(kt * ldb, 0);
        transpose(rows.data(), n, kt, bbuf.data(), ldb);
        bp = bbuf.data();
      } else {
        bbuf.assign(kt * ldb, 0);
        for (long kk = 0; kk < kt; kk++) pack_row<uint32_t>(bi, n, kk, k, &bbuf[kk * ldb], n);
        bp = bbuf.data();
      }
    }
    const long sai = transA ? 1 : k, sak = transA ? m : 1;
    float* ci = c + static_cast<long>(i) * m * n;
    const int chunk = 24;
    const int tasks = (m + chunk - 1) / chunk;
    this_thread_pool().run(tasks, [&](int t) {
      const int i0 = t * chunk, i1 = i0 + chunk < m ? i0 + chunk : m;
      if constexpr (std::is_same_v<T, float>) {
        Isa::template gemm<NV>(ai, sai, sak, bp, ldb, ci, n, i0, i1, k);
      } else {
        // These rows of op(A) as words: [row][kt] from A, or [kt][row] from A^T (each row of A^T is a term).
        const int nrows = i1 - i0;
        thread_local std::vector<uint32_t> rows;
        rows.resize(nrows * kt);
        if (transA) for (long kk = 0; kk < kt; kk++) pack_row<uint32_t>(ai + i0, m, kk, k, &rows[kk * nrows], nrows);
        else to_pairs(ai + static_cast<long>(i0) * k, nrows, k, rows.data());
        Isa::template gemm<NV>(rows.data(), transA ? 1L : kt, transA ? static_cast<long>(nrows) : 1L, bp, ldb, ci + static_cast<long>(i0) * n, n, 0, nrows, static_cast<int>(kt));
      }
    });
  }
}

template <int NV>
using Vectors = std::integral_constant<int, NV>;

// Calls body(Isa, Vectors<NV>) with the instruction set in use (set_isa, else the widest this CPU has; the
// AVX512_BF16 kernels only for bf16), and two vectors of outputs per register tile when `outputs` fills
// them, else one (less padding).
template <bool Bf16, typename Body>
void with_widest_kernels(int outputs, Body body) {
#ifdef FER_X86
  if constexpr (Bf16)
    if (level == kAvx512Bf16) return outputs >= 32 ? body(avx512bf16::Isa{}, Vectors<2>{}) : body(avx512bf16::Isa{}, Vectors<1>{});
  if (level >= kAvx512) return outputs >= 32 ? body(avx512::Isa{}, Vectors<2>{}) : body(avx512::Isa{}, Vectors<1>{});
  if (level == kAvx2) return outputs >= 16 ? body(avx2::Isa{}, Vectors<2>{}) : body(avx2::Isa{}, Vectors<1>{});
#endif
  body(generic::Isa{}, Vectors<2>{});
}

// Calls body(Isa, Vectors<NV>, T{}) with T = uint32_t (bf16 words) when bf16 is on, else float.
template <typename Body>
void with_kernels(int outputs, Body body) {
  if (bf16_active()) with_widest_kernels<true>(outputs, [&](auto isa, auto nv) { body(isa, nv, uint32_t{}); });
  else with_widest_kernels<false>(outputs, [&](auto isa, auto nv) { body(isa, nv, float{}); });
}

}  // namespace

Pool& kernel_pool() { return this_thread_pool(); }

void set_threads(int n) { this_thread_pool().set_threads(n); }
int get_threads() { return this_thread_pool().threads(); }

const char* simd_level() { return kIsaNames[level]; }

const char* const* supported_isas(int* count) {
  static const char* best_first[kLevels];
  for (int l = cpu_level; l >= 0; l--) best_first[cpu_level - l] = kIsaNames[l];
  *count = cpu_level + 1;
  return best_first;
}

bool set_precision(const char* name) {
  for (int p = 0; p < kPrecisions; p++)
    if (std::strcmp(name, kPrecisionNames[p]) == 0) return precision_setting = static_cast<Precision>(p), true;
  return false;
}

const char* precision() { return bf16_active() ? "bf16" : "fp32"; }

bool set_isa(const char* name) {
  for (int l = 0; l <= cpu_level; l++)
    if (std::strcmp(name, kIsaNames[l]) == 0) return level = static_cast<Level>(l), true;
  return false;
}

void conv2d(const float* x, const float* w, const float* bias, float* y, const ConvShape& s, Activation act) {
  with_kernels(s.outC, [&](auto isa, auto nv, auto t) { conv2d_with<decltype(isa), nv, decltype(t)>(x, w, bias, y, s, act); });
}

void conv2d_filter_grad(const float* x, const float* dy, float* dw, const ConvShape& s) {
  with_kernels(s.outC, [&](auto isa, auto nv, auto t) { filter_grad_with<decltype(isa), nv, decltype(t)>(x, dy, dw, s); });
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
  with_kernels(n, [&](auto isa, auto nv, auto t) {
    matmul_with<decltype(isa), nv, decltype(t)>(a, b, c, batch, m, k, n, transA, transB, broadcastA, broadcastB);
  });
}

void max_pool_grad(const float* x, const float* dy, float* dx, const ConvShape& s) {
  std::memset(dx, 0, sizeof(float) * s.batch * s.inH * s.inW * s.inC);
  this_thread_pool().run(s.batch, [&](int b) {
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
