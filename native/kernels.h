// The convolution and matrix kernels FER Studio's CPU engine runs natively (NHWC, float32).
#pragma once

struct ConvShape {
  int batch, inH, inW, inC;     // x: [batch, inH, inW, inC]
  int outH, outW, outC;         // y: [batch, outH, outW, outC]
  int kH, kW, strideH, strideW;  // filter: [kH, kW, inC, outC]
  int padTop, padLeft;
};

enum Activation { kLinear = 0, kRelu = 1 };

// Plain loops the compiler vectorizes once per instruction set, picked by the CPU at load time (not by set_isa).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define FER_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define FER_CLONES
#endif

void set_threads(int n);
int get_threads();
// The instruction set the kernels of kernels.inc run with: the best this CPU has, unless set_isa chose another.
const char* simd_level();
// Instruction sets this CPU runs, best first, as simd_level() names them.
const char* const* supported_isas(int* count);
// Runs the kernels with a named instruction set (for tests and measurement: the AVX2 and generic paths on an
// AVX-512 CPU). False, changing nothing, when the name is unknown or this CPU lacks it.
bool set_isa(const char* name);
// Convolutions (forward and both gradients) and matmul in bf16 (inputs rounded to bf16 when packed, fp32
// accumulation) or fp32. "auto": bf16 where the instruction set in use has AVX512_BF16. False for another name.
bool set_precision(const char* name);
// "bf16" or "fp32": what the kernels run now, after "auto" and the instruction set in use.
const char* precision();

// y = act(conv(x, w) + bias). bias may be null.
void conv2d(const float* x, const float* w, const float* bias, float* y, const ConvShape& s, Activation act);
// dw = d loss / d filter, given x and dy (dy has the conv's output shape).
void conv2d_filter_grad(const float* x, const float* dy, float* dw, const ConvShape& s);
// c[b] = op(a[b]) * op(b[b]) for each batch; op transposes when asked. a: [M,K] (or [K,M]), b: [K,N] (or [N,K]).
void matmul(const float* a, const float* b, float* c, int batch, int m, int k, int n, bool transA, bool transB,
            bool broadcastA, bool broadcastB);
// dx of max-pool: each window's dy goes to the first maximum of the window.
void max_pool_grad(const float* x, const float* dy, float* dx, const ConvShape& s);

// Training batch-norm over the last axis of x: [rows, c]. Writes y, and the batch mean and (biased) variance.
void batch_norm_train(const float* x, const float* gamma, const float* beta, float* y, float* mean, float* variance,
                      long rows, int c, float eps);
// Its gradient given the forward's mean and variance: dx, dgamma = sum(dy * xhat), dbeta = sum(dy).
void batch_norm_grad(const float* dy, const float* x, const float* mean, const float* variance, const float* gamma,
                     float* dx, float* dgamma, float* dbeta, long rows, int c, float eps);
// dx = dy where x > 0, else 0 (ReLU's gradient in one pass; TF.js composes it of step, cast and multiply).
void relu_grad(const float* dy, const float* x, float* dx, long n);
