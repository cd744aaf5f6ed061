#!/usr/bin/python3
"""Groups a flat `perf report --no-children --sort dso,sym --stdio --field-separator "|"` listing into the dream step's operators.

Reads the report on stdin; prints one RESULT line per category with its share of the samples, largest first.
oneDNN's JIT-generated kernels (convolutions and reorders) have no symbols and count as "onednn_jit".
"""
import re
import sys

CATEGORIES = [  # (name, pattern on "dso symbol"), first match wins
    ("onednn_jit (convolutions, weight reorders)", r"^\[JIT\]|jit_|dnnl|brg"),
    ("mkl_sgemm (1x1 convolutions at 1 thread: ATen's slow_conv2d)", r"mkl_blas|sgemm"),
    ("im2col/col2im (slow_conv2d)", r"unfolded2d|im2col|col2im"),
    ("max_pool forward", r"cpu_max_pool"),
    ("max_pool backward", r"max_pool2d_backward"),
    ("relu backward (threshold)", r"threshold_kernel"),
    ("relu forward (clamp_min)", r"clamp_min"),
    ("concat", r"cat_serial|cat_contig|CatArray"),
    ("zero fill / memset", r"fill_kernel|memset"),
    ("copies (layout, contiguous, narrow grads)", r"copy_kernel|memmove|memcpy"),
    ("add (gradient accumulation, preprocessing)", r"add_kernel|addcmul"),
    ("mul/div/abs (preprocessing, normalisation)", r"mul_kernel|div_true|abs_kernel|norm"),
    ("roll / clamp (step)", r"roll|clamp_kernel|clamp_scalar"),
    ("libgomp (OpenMP barriers, spin-wait)", r"libgomp"),
    ("malloc/free", r"_int_malloc|_int_free|malloc|cfree|unlink_chunk|sysmalloc"),
    ("kernel (page faults, syscalls)", r"\[kernel"),
    ("dispatcher / autograd bookkeeping", r"c10::|torch::autograd|at::"),
]


def main():
    totals = {}
    for line in sys.stdin:
        fields = line.rstrip("\n").split("|")
        if line.startswith("#") or len(fields) < 3 or not fields[0].strip().endswith("%"):
            continue
        share, text = float(fields[0].strip().rstrip("%")), fields[1].strip() + " " + fields[2].strip()
        name = next((n for n, p in CATEGORIES if re.search(p, text)), "other")
        totals[name] = totals.get(name, 0.0) + share
    for name, share in sorted(totals.items(), key=lambda kv: -kv[1]):
        print("RESULT kind=profile category=%s share_pct=%.1f" % (name.replace(" ", "_"), share))


if __name__ == "__main__":
    main()
