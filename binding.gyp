{
  "targets": [
    {
      "target_name": "fer_native",
      "sources": ["native/addon.cc", "native/kernels.cc", "native/elementwise.cc"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-math-errno"],
      "cflags_cc!": ["-fno-exceptions"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
