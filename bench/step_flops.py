#!/usr/bin/python3
"""The floating-point work of one dream step, from oneDNN's own log of the convolutions it ran.

Reads the output of a run with ONEDNN_VERBOSE=profile_exec on stdin and takes the last step: from the last forward
convolution whose input height is --height (the step's first convolution at full resolution) to the end. Counts
2 x multiply-adds of every convolution primitive in it (forward and backward-data; the weights need no gradient)
and prints one RESULT line with the GFLOP of each and the milliseconds oneDNN spent in them. Other operators
(pooling, ReLU, concatenation) add under 1% to the count and are left out.
"""
import argparse
import re
import sys


def conv_flop(problem):
    def field(name):
        m = re.search(r"(?<![a-z])%s(\d+)" % name, problem)
        return int(m.group(1)) if m else None
    groups = field("g") or 1
    return 2.0 * field("ic") * field("oc") * field("kh") * field("kw") * field("oh") * field("ow") / groups


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--height", type=int, required=True, help="the step's input height in pixels")
    args = parser.parse_args()
    rows = [line.strip().split(",") for line in sys.stdin
            if line.startswith("onednn_verbose,v1,primitive,exec,cpu,convolution")]
    starts = [i for i, r in enumerate(rows) if r[7].startswith("forward") and "ih%d" % args.height in r[-2]]
    if not starts:
        sys.exit("no convolution at input height %d in the log" % args.height)
    step = rows[starts[-1]:]
    fwd = [r for r in step if r[7].startswith("forward")]
    bwd = [r for r in step if r[7] == "backward_data"]
    print("RESULT kind=step_flop height=%d convolutions=%d gflop_forward=%.3f gflop_backward=%.3f gflop=%.3f "
          "onednn_ms_forward=%.1f onednn_ms_backward=%.1f"
          % (args.height, len(fwd), sum(conv_flop(r[-2]) for r in fwd) / 1e9, sum(conv_flop(r[-2]) for r in bwd) / 1e9,
             sum(conv_flop(r[-2]) for r in step) / 1e9, sum(float(r[-1]) for r in fwd), sum(float(r[-1]) for r in bwd)))


if __name__ == "__main__":
    main()
