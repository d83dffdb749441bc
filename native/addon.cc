// N-API bindings of kernels.h. Every call checks the typed arrays' lengths against the shapes it is given,
// so a wrong call from JavaScript throws instead of writing outside a buffer (the buffers are views on
// the wasm backend's heap).
#include <node_api.h>

#include <climits>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "kernels.h"

namespace {

struct Floats {
  float* data = nullptr;
  size_t length = 0;
};

bool fail(napi_env env, const std::string& message) {
  napi_throw_error(env, "FER_NATIVE", message.c_str());
  return false;
}

// A Float32Array argument (or null when allowed).
bool floats(napi_env env, napi_value v, Floats& out, const char* name, bool nullable = false) {
  napi_valuetype type;
  napi_typeof(env, v, &type);
  if (nullable && (type == napi_null || type == napi_undefined)) return true;
  bool is;
  napi_is_typedarray(env, v, &is);
  if (!is) return fail(env, std::string(name) + " must be a Float32Array");
  napi_typedarray_type t;
  void* data;
  napi_get_typedarray_info(env, v, &t, &out.length, &data, nullptr, nullptr);
  if (t != napi_float32_array) return fail(env, std::string(name) + " must be a Float32Array");
  out.data = static_cast<float*>(data);
  return true;
}

bool ints(napi_env env, napi_value v, int32_t* out, size_t n, const char* name) {
  bool is;
  napi_is_typedarray(env, v, &is);
  napi_typedarray_type t;
  size_t length = 0;
  void* data = nullptr;
  if (is) napi_get_typedarray_info(env, v, &t, &length, &data, nullptr, nullptr);
  if (!is || t != napi_int32_array || length != n) return fail(env, std::string(name) + " must be an Int32Array of " + std::to_string(n));
  const int32_t* d = static_cast<const int32_t*>(data);
  for (size_t i = 0; i < n; i++) {
    if (d[i] < 0) return fail(env, std::string(name) + " holds a negative value");
    out[i] = d[i];
  }
  return true;
}

bool sized(napi_env env, const Floats& f, size_t want, const char* name) {
  if (f.length == want) return true;
  return fail(env, std::string(name) + " has " + std::to_string(f.length) + " floats, the shape needs " + std::to_string(want));
}

// The kernels index inside one tensor with int in places, so no tensor may hold more than INT_MAX elements.
constexpr int64_t kMaxElements = INT_MAX;

// Checks a buffer against a shape. The element count is a 64-bit product checked at each step: unchecked,
// absurd dimensions wrap round to a small count that a small buffer matches, and the kernel then runs over
// the whole absurd shape far outside the buffer.
bool shaped(napi_env env, const Floats& f, std::initializer_list<int64_t> dims, const char* name) {
  int64_t count = 1;
  for (int64_t d : dims) {
    if (d != 0 && count > kMaxElements / d) {
      std::string text;
      for (int64_t e : dims) text += (text.empty() ? "" : "x") + std::to_string(e);
      return fail(env, std::string(name) + " shape " + text + " has more than " + std::to_string(kMaxElements) + " elements");
    }
    count *= d;
  }
  return sized(env, f, static_cast<size_t>(count), name);
}

// A window's positions along one axis are computed in int: the last window's end (and the padded input)
// must fit, so absurd strides or padding throw instead of overflowing.
bool extent_fits(int64_t out, int64_t stride, int64_t k, int64_t in, int64_t pad) {
  const int64_t last = (out > 0 ? out - 1 : 0) * stride + k;
  return (last > in ? last : in) + pad <= kMaxElements;
}

// geometry: [batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, padTop, padLeft]
bool shape(napi_env env, napi_value v, ConvShape& s) {
  int32_t g[13];
  if (!ints(env, v, g, 13, "geometry")) return false;
  s = ConvShape{g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12]};
  if (s.strideH < 1 || s.strideW < 1 || s.kH < 1 || s.kW < 1) return fail(env, "strides and filter sizes must be >= 1");
  if (!extent_fits(s.outH, s.strideH, s.kH, s.inH, s.padTop) || !extent_fits(s.outW, s.strideW, s.kW, s.inW, s.padLeft))
    return fail(env, "geometry reaches past " + std::to_string(kMaxElements) + " (strides, filter or padding too large for its output)");
  return true;
}

napi_value args(napi_env env, napi_callback_info info, napi_value* argv, size_t n) {
  size_t argc = n;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < n) fail(env, "expected " + std::to_string(n) + " arguments");
  return nullptr;
}

bool pending(napi_env env) {
  bool p;
  napi_is_exception_pending(env, &p);
  return p;
}

// conv2d(x, filter, bias | null, y, geometry, activation: 0 linear | 1 relu)
napi_value Conv2d(napi_env env, napi_callback_info info) {
  napi_value a[6];
  args(env, info, a, 6);
  Floats x, w, b, y;
  ConvShape s;
  int32_t act = 0;
  if (pending(env) || !shape(env, a[4], s) || !floats(env, a[0], x, "x") || !floats(env, a[1], w, "filter") ||
      !floats(env, a[2], b, "bias", true) || !floats(env, a[3], y, "y"))
    return nullptr;
  napi_get_value_int32(env, a[5], &act);
  if (!shaped(env, x, {s.batch, s.inH, s.inW, s.inC}, "x") || !shaped(env, w, {s.kH, s.kW, s.inC, s.outC}, "filter") ||
      !shaped(env, y, {s.batch, s.outH, s.outW, s.outC}, "y") || (b.data && !sized(env, b, s.outC, "bias")))
    return nullptr;
  if (act != kLinear && act != kRelu) return fail(env, "activation must be 0 (linear) or 1 (relu)"), nullptr;
  conv2d(x.data, w.data, b.data, y.data, s, static_cast<Activation>(act));
  return nullptr;
}

// Parses (x, dy, out, geometry) of the gradient kernels and checks x and dy against the geometry.
bool gradient_args(napi_env env, napi_callback_info info, Floats& x, Floats& dy, Floats& out, ConvShape& s) {
  napi_value a[4];
  args(env, info, a, 4);
  return !pending(env) && shape(env, a[3], s) && floats(env, a[0], x, "x") && floats(env, a[1], dy, "dy") &&
         floats(env, a[2], out, "output") && shaped(env, x, {s.batch, s.inH, s.inW, s.inC}, "x") &&
         shaped(env, dy, {s.batch, s.outH, s.outW, s.outC}, "dy");
}

// conv2dFilterGrad(x, dy, dw, geometry)
napi_value Conv2dFilterGrad(napi_env env, napi_callback_info info) {
  Floats x, dy, dw;
  ConvShape s;
  if (!gradient_args(env, info, x, dy, dw, s) || !shaped(env, dw, {s.kH, s.kW, s.inC, s.outC}, "dw")) return nullptr;
  conv2d_filter_grad(x.data, dy.data, dw.data, s);
  return nullptr;
}

// maxPoolGrad(x, dy, dx, geometry) with inC = outC = channels and kH x kW the window.
napi_value MaxPoolGrad(napi_env env, napi_callback_info info) {
  Floats x, dy, dx;
  ConvShape s;
  if (!gradient_args(env, info, x, dy, dx, s) || !sized(env, dx, x.length, "dx")) return nullptr;
  if (s.inC != s.outC) return fail(env, "max-pool keeps the channel count"), nullptr;
  max_pool_grad(x.data, dy.data, dx.data, s);
  return nullptr;
}

// matmul(a, b, c, dims: [batchA, batchB, m, k, n, transA, transB]); c has max(batchA, batchB) matrices.
napi_value Matmul(napi_env env, napi_callback_info info) {
  napi_value a[4];
  args(env, info, a, 4);
  Floats fa, fb, fc;
  int32_t d[7];
  if (pending(env) || !ints(env, a[3], d, 7, "dims") || !floats(env, a[0], fa, "a") || !floats(env, a[1], fb, "b") || !floats(env, a[2], fc, "c"))
    return nullptr;
  const int batchA = d[0], batchB = d[1], m = d[2], k = d[3], n = d[4];
  const int batch = batchA > batchB ? batchA : batchB;
  if ((batchA != batch && batchA != 1) || (batchB != batch && batchB != 1)) return fail(env, "batch sizes must match or be 1"), nullptr;
  if (!shaped(env, fa, {batchA, m, k}, "a") || !shaped(env, fb, {batchB, k, n}, "b") || !shaped(env, fc, {batch, m, n}, "c"))
    return nullptr;
  matmul(fa.data, fb.data, fc.data, batch, m, k, n, d[5] != 0, d[6] != 0, batchA == 1, batchB == 1);
  return nullptr;
}

double number(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

// batchNormTrain(x, gamma, beta, y, mean, variance, epsilon); channels = gamma.length
napi_value BatchNormTrain(napi_env env, napi_callback_info info) {
  napi_value a[7];
  args(env, info, a, 7);
  Floats x, g, b, y, m, v;
  if (pending(env) || !floats(env, a[0], x, "x") || !floats(env, a[1], g, "gamma") || !floats(env, a[2], b, "beta") ||
      !floats(env, a[3], y, "y") || !floats(env, a[4], m, "mean") || !floats(env, a[5], v, "variance"))
    return nullptr;
  const size_t c = g.length;
  if (c == 0 || x.length % c != 0) return fail(env, "x must hold whole rows of gamma.length channels"), nullptr;
  if (!sized(env, b, c, "beta") || !sized(env, m, c, "mean") || !sized(env, v, c, "variance") || !sized(env, y, x.length, "y")) return nullptr;
  batch_norm_train(x.data, g.data, b.data, y.data, m.data, v.data, static_cast<long>(x.length / c), static_cast<int>(c), static_cast<float>(number(env, a[6])));
  return nullptr;
}

// batchNormGrad(dy, x, mean, variance, gamma, dx, dgamma, dbeta, epsilon)
napi_value BatchNormGrad(napi_env env, napi_callback_info info) {
  napi_value a[9];
  args(env, info, a, 9);
  Floats dy, x, m, v, g, dx, dg, db;
  if (pending(env) || !floats(env, a[0], dy, "dy") || !floats(env, a[1], x, "x") || !floats(env, a[2], m, "mean") ||
      !floats(env, a[3], v, "variance") || !floats(env, a[4], g, "gamma") || !floats(env, a[5], dx, "dx") ||
      !floats(env, a[6], dg, "dgamma") || !floats(env, a[7], db, "dbeta"))
    return nullptr;
  const size_t c = g.length;
  if (c == 0 || x.length % c != 0) return fail(env, "x must hold whole rows of gamma.length channels"), nullptr;
  if (!sized(env, dy, x.length, "dy") || !sized(env, dx, x.length, "dx") || !sized(env, m, c, "mean") || !sized(env, v, c, "variance") ||
      !sized(env, dg, c, "dgamma") || !sized(env, db, c, "dbeta"))
    return nullptr;
  batch_norm_grad(dy.data, x.data, m.data, v.data, g.data, dx.data, dg.data, db.data, static_cast<long>(x.length / c), static_cast<int>(c),
                  static_cast<float>(number(env, a[8])));
  return nullptr;
}

// reluGrad(dy, x, dx)
napi_value ReluGrad(napi_env env, napi_callback_info info) {
  napi_value a[3];
  args(env, info, a, 3);
  Floats dy, x, dx;
  if (pending(env) || !floats(env, a[0], dy, "dy") || !floats(env, a[1], x, "x") || !floats(env, a[2], dx, "dx") ||
      !sized(env, x, dy.length, "x") || !sized(env, dx, dy.length, "dx"))
    return nullptr;
  relu_grad(dy.data, x.data, dx.data, static_cast<long>(dy.length));
  return nullptr;
}

napi_value SetThreads(napi_env env, napi_callback_info info) {
  napi_value a[1];
  args(env, info, a, 1);
  int32_t n = 1;
  if (pending(env)) return nullptr;
  napi_get_value_int32(env, a[0], &n);
  set_threads(n);
  return nullptr;
}

// A string argument of at most 31 characters (the names the setters take), or "" after throwing.
std::string name_arg(napi_env env, napi_callback_info info, const char* what) {
  napi_value a[1];
  args(env, info, a, 1);
  char buf[32];
  size_t len = 0;
  if (pending(env)) return "";
  if (napi_get_value_string_utf8(env, a[0], buf, sizeof buf, &len) != napi_ok) return fail(env, std::string(what) + " must be a string"), "";
  return std::string(buf, len);
}

std::string supported_list() {
  int n = 0;
  const char* const* names = supported_isas(&n);
  std::string list;
  for (int i = 0; i < n; i++) list += (i ? ", " : "") + std::string(names[i]);
  return list;
}

// setIsa(name): one of info().isas.
napi_value SetIsa(napi_env env, napi_callback_info info) {
  const std::string name = name_arg(env, info, "isa");
  if (pending(env)) return nullptr;
  if (!set_isa(name.c_str())) fail(env, "instruction set '" + name + "' is unknown or this CPU lacks it (it runs: " + supported_list() + ")");
  return nullptr;
}

// setPrecision("fp32" | "bf16" | "auto")
napi_value SetPrecision(napi_env env, napi_callback_info info) {
  const std::string name = name_arg(env, info, "precision");
  if (pending(env)) return nullptr;
  if (!set_precision(name.c_str())) fail(env, "precision '" + name + "' is not one of fp32, bf16, auto");
  return nullptr;
}

napi_value string_value(napi_env env, const char* s) {
  napi_value v;
  napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  return v;
}

napi_value Info(napi_env env, napi_callback_info) {
  napi_value out, threads, isas;
  napi_create_object(env, &out);
  napi_create_int32(env, get_threads(), &threads);
  int n = 0;
  const char* const* names = supported_isas(&n);
  napi_create_array_with_length(env, n, &isas);
  for (int i = 0; i < n; i++) napi_set_element(env, isas, i, string_value(env, names[i]));
  napi_set_named_property(env, out, "simd", string_value(env, simd_level()));
  napi_set_named_property(env, out, "threads", threads);
  napi_set_named_property(env, out, "isas", isas);
  napi_set_named_property(env, out, "precision", string_value(env, precision()));
  return out;
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"conv2d", nullptr, Conv2d, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"conv2dFilterGrad", nullptr, Conv2dFilterGrad, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"maxPoolGrad", nullptr, MaxPoolGrad, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"matmul", nullptr, Matmul, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"batchNormTrain", nullptr, BatchNormTrain, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"batchNormGrad", nullptr, BatchNormGrad, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"reluGrad", nullptr, ReluGrad, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"setThreads", nullptr, SetThreads, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"setIsa", nullptr, SetIsa, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"setPrecision", nullptr, SetPrecision, nullptr, nullptr, nullptr, napi_default_method, nullptr},
      {"info", nullptr, Info, nullptr, nullptr, nullptr, napi_default_method, nullptr},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
